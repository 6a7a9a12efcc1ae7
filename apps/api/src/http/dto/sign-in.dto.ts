import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ example: 'pielegniarka' })
  @IsString() @MinLength(1) @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'opiekun-nurse', format: 'password' })
  @IsString() @MinLength(1) @MaxLength(256)
  password!: string;
}
