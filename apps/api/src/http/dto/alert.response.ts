import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StoredAlert } from '@opiekun/application';

const ALERT_KINDS = ['robot-offline', 'low-battery', 'task-failed', 'task-overdue', 'robot-error', 'robot-failing', 'robot-order-limit', 'no-capable-robot', 'task-escalated', 'patrol-finding', 'task-done-offline'];

export class AlertResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind!: string;
  @ApiProperty({ enum: ['info', 'warning', 'stat'] }) severity!: string;
  @ApiPropertyOptional() robotId?: string;
  @ApiPropertyOptional() taskId?: string;
  @ApiPropertyOptional({ description: 'Ward whose staff it is for (care alerts)' }) wardId?: string;
  @ApiPropertyOptional({ description: 'Room it is about' }) roomId?: string;
  @ApiProperty({ description: 'English detail for the log; the dashboard words alerts from kind, robot and task' }) message!: string;
  @ApiPropertyOptional({ format: 'date-time' }) acknowledgedAt?: string;
  @ApiPropertyOptional() acknowledgedBy?: string;
  @ApiPropertyOptional() acknowledgedByName?: string;

  static from(alert: StoredAlert): AlertResponse {
    return {
      id: alert.id,
      at: new Date(alert.at).toISOString(),
      kind: alert.kind,
      severity: alert.severity,
      robotId: alert.robotId,
      taskId: alert.taskId,
      wardId: alert.wardId,
      roomId: alert.roomId,
      message: alert.message,
      acknowledgedAt: alert.acknowledgedAt === undefined ? undefined : new Date(alert.acknowledgedAt).toISOString(),
      acknowledgedBy: alert.acknowledgedBy,
      acknowledgedByName: alert.acknowledgedByName,
    };
  }
}
