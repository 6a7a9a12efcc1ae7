import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FleetStatus } from '@opiekun/application';
import { RobotResponse } from './robot.response';

export class FleetStopResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() byId!: string;
  @ApiProperty() byName!: string;
}

export class FleetStatusResponse {
  @ApiProperty({ description: 'A stop-all holds until a manager resumes the fleet' }) stopped!: boolean;
  @ApiPropertyOptional({ type: FleetStopResponse }) stop?: FleetStopResponse;
  @ApiProperty({ description: 'Robots online' }) online!: number;
  @ApiProperty({ description: 'Online robots that report they are paused' }) paused!: number;
  @ApiProperty({
    description: 'Online robots not paused whose factsheet lists no startPause (VDA 5050 INSTANT scope): while the fleet is stopped they get no new work and finish their current order',
  })
  cannotPause!: number;

  static from(status: FleetStatus): FleetStatusResponse {
    return {
      stopped: status.stopped,
      stop: status.stop && { at: new Date(status.stop.at).toISOString(), byId: status.stop.byId, byName: status.stop.byName },
      online: status.online,
      paused: status.paused,
      cannotPause: status.cannotPause,
    };
  }
}

export class ChargeResponse {
  @ApiProperty({ type: RobotResponse }) robot!: RobotResponse;
  @ApiProperty({ description: 'Charger node the robot drives to' }) chargerNode!: string;
  @ApiPropertyOptional() chargerLabel?: string;
}
