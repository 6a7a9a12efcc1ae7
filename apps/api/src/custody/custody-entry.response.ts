import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTODY_STEPS, type CustodyEntry } from '@opiekun/domain';

export class CustodyEntryResponse {
  @ApiProperty({ description: 'The medication delivery (task)' })
  taskId!: string;

  @ApiProperty({ enum: CUSTODY_STEPS })
  step!: string;

  @ApiProperty({ description: 'ISO 8601' })
  at!: string;

  @ApiProperty({ description: 'Where: the facility node' })
  nodeId!: string;

  @ApiPropertyOptional({ description: 'The nurse who loaded, received or took back the medication' })
  staffId?: string;

  @ApiPropertyOptional({ description: 'The robot that carried it' })
  robotId?: string;

  @ApiProperty({ enum: ['robot', 'dashboard', 'system'], description: 'Confirmed on the robot (PIN/badge) or on the dashboard; system for a missed handover' })
  via!: string;

  @ApiPropertyOptional()
  detail?: string;

  static from(entry: CustodyEntry): CustodyEntryResponse {
    return Object.assign(new CustodyEntryResponse(), {
      taskId: entry.taskId,
      step: entry.step,
      at: new Date(entry.at).toISOString(),
      nodeId: entry.nodeId,
      via: entry.via,
      ...(entry.staffId ? { staffId: entry.staffId } : {}),
      ...(entry.robotId ? { robotId: entry.robotId } : {}),
      ...(entry.detail ? { detail: entry.detail } : {}),
    });
  }
}
