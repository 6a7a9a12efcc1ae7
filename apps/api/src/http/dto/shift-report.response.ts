import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ShiftReport } from '@opiekun/application';

export class TypeSummaryResponse {
  @ApiProperty() type!: string;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ description: 'Completed by their deadline' }) onTime!: number;
  @ApiProperty({ description: 'Completed tasks that had a deadline' }) withDeadline!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) averageWaitS!: number | null;
  @ApiProperty() workS!: number;
}

export class RobotSummaryResponse {
  @ApiProperty() robotId!: string;
  @ApiProperty({ description: 'Tasks completed' }) tasks!: number;
  @ApiProperty({ description: 'Seconds spent on tasks' }) workS!: number;
}

export class ShiftReportResponse {
  @ApiProperty({ example: '2026-11-23' }) date!: string;
  @ApiProperty({ example: 'Europe/Warsaw' }) timezone!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: '0–1 of completed tasks with a deadline' }) onTimeRate!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Seconds from ready to started' }) averageWaitS!: number | null;
  @ApiProperty({ description: 'Seconds robots worked on tasks that ended this day' }) robotWorkS!: number;
  @ApiProperty({ type: [TypeSummaryResponse] }) byType!: TypeSummaryResponse[];
  @ApiProperty({ type: [RobotSummaryResponse] }) byRobot!: RobotSummaryResponse[];

  static from(report: ShiftReport): ShiftReportResponse {
    return {
      ...report,
      from: new Date(report.from).toISOString(),
      to: new Date(report.to).toISOString(),
      byType: report.byType.map((t) => ({ ...t })),
      byRobot: report.byRobot.map((r) => ({ ...r })),
    };
  }
}
