import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CARE_LEVELS, RESIDENT_FLAGS, type CareLevel, type Resident, type ResidentFlag } from '@opiekun/domain';
import { OptionalNotNull } from '../optional-not-null.decorator';

export class SaveResidentDto {
  @ApiProperty({ description: 'As staff know the resident; shown on staff screens only, never sent to robots', example: 'Helena K.' })
  @IsString() @MinLength(1) @MaxLength(100)
  displayName!: string;

  @ApiProperty({ example: '104' })
  @IsString() @MinLength(1) @MaxLength(64)
  roomId!: string;

  @ApiProperty({ example: 1 })
  @IsInt() @Min(1) @Max(20)
  bed!: number;

  @ApiProperty({ enum: CARE_LEVELS })
  @IsIn(CARE_LEVELS)
  careLevel!: CareLevel;

  @ApiPropertyOptional({ enum: RESIDENT_FLAGS, isArray: true })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(RESIDENT_FLAGS.length) @IsIn(RESIDENT_FLAGS, { each: true })
  flags?: ResidentFlag[];
}

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ResidentQueryDto {
  @ApiPropertyOptional({ description: 'Ward id' }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) ward?: string;
  @ApiPropertyOptional({ description: 'Room id' }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(64) room?: string;
  @ApiPropertyOptional({ default: false }) @OptionalNotNull() @Transform(toBool) @IsBoolean() includeDischarged?: boolean;
}

export class ResidentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() roomId!: string;
  @ApiProperty() bed!: number;
  @ApiProperty() wardId!: string;
  @ApiProperty({ enum: CARE_LEVELS }) careLevel!: CareLevel;
  @ApiProperty({ enum: RESIDENT_FLAGS, isArray: true }) flags!: ResidentFlag[];
  @ApiProperty({ enum: ['active', 'discharged'] }) status!: 'active' | 'discharged';
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static from(r: Resident): ResidentResponse {
    return { ...r, flags: [...r.flags], createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString() };
  }
}
