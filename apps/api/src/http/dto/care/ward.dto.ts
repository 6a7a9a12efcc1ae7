import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import type { Ward } from '@opiekun/domain';
import { OptionalNotNull } from '../optional-not-null.decorator';

export class SaveWardDto {
  @ApiProperty({ example: 'Oddział 1 (piętro 1)' })
  @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiProperty({ type: [String], description: 'Facility room ids', example: ['101', '102'] })
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @MaxLength(64, { each: true })
  rooms!: string[];

  @ApiPropertyOptional({ description: "Node of the ward's nurse station", example: 'F1-nurse' })
  @OptionalNotNull() @IsString() @MaxLength(128)
  stationNode?: string;
}

export class WardResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) rooms!: string[];
  @ApiPropertyOptional() stationNode?: string;

  static from(ward: Ward): WardResponse {
    return { id: ward.id, name: ward.name, rooms: [...ward.rooms], stationNode: ward.stationNode };
  }
}
