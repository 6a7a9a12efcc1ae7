import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNumber, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalNotNull } from './optional-not-null.decorator';

export class RegisterRobotDto {
  @ApiProperty({ example: 'SimCare' })
  @IsString() @MinLength(1) @MaxLength(100) @Matches(/^[^/$#+]+$/, { message: 'manufacturer must not contain / $ # +' })
  manufacturer!: string;

  @ApiProperty({ example: 'SC-001', description: 'VDA 5050 serial: A-Z a-z 0-9 _ . : -' })
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'serialNumber may only hold A-Z a-z 0-9 _ . : - (1 to 100 characters)' })
  serialNumber!: string;

  @ApiPropertyOptional({ example: 'Kuba' })
  @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: 'carrier' })
  @OptionalNotNull() @IsString() @MaxLength(100)
  model?: string;

  @ApiPropertyOptional({ type: [String], description: 'VDA 5050 action types, used when the factsheet lists none' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(64) @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { each: true, message: 'each action must be an action type' })
  actions?: string[];

  @ApiPropertyOptional({ description: 'm/s, for travel estimates' })
  @OptionalNotNull() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.05) @Max(10)
  speed?: number;
}
