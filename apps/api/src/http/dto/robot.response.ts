import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROBOT_ACTIVITIES, robotActivity, type Robot, type RobotActivity } from '@opiekun/domain';

export class RobotErrorResponse {
  @ApiProperty() type!: string;
  @ApiProperty({ enum: ['WARNING', 'FATAL'] }) level!: string;
  @ApiPropertyOptional() description?: string;
}

export class PositionResponse {
  @ApiProperty() x!: number;
  @ApiProperty() y!: number;
  @ApiProperty() theta!: number;
}

export class OrderLimitsResponse {
  @ApiPropertyOptional({ description: 'maxArrayLens order.nodes' }) nodes?: number;
  @ApiPropertyOptional({ description: 'maxArrayLens order.edges' }) edges?: number;
  @ApiPropertyOptional({ description: 'maxArrayLens node.actions' }) nodeActions?: number;
  @ApiPropertyOptional({ description: 'maxArrayLens actions.actionsParameters' }) actionParameters?: number;
  @ApiPropertyOptional({ description: 'maxStringLens idLen' }) idLength?: number;
  @ApiPropertyOptional({ description: 'maxStringLens idNumericalOnly' }) numericIds?: boolean;
  @ApiPropertyOptional({ description: 'maxStringLens msgLen: bytes of one MQTT message' }) messageBytes?: number;
}

export class RobotResponse {
  @ApiProperty({ example: 'SimCare:SC-001' }) id!: string;
  @ApiProperty() manufacturer!: string;
  @ApiProperty() serialNumber!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() model?: string;
  @ApiProperty({ enum: ROBOT_ACTIVITIES }) state!: RobotActivity;
  @ApiProperty({ enum: ['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN', 'UNKNOWN'] }) connection!: string;
  @ApiPropertyOptional({ description: 'Floor id (VDA 5050 mapId)' }) floor?: string;
  @ApiPropertyOptional({ type: PositionResponse }) position?: PositionResponse;
  @ApiPropertyOptional() lastNodeId?: string;
  @ApiPropertyOptional({ description: 'percent' }) battery?: number;
  @ApiProperty() charging!: boolean;
  @ApiProperty() paused!: boolean;
  @ApiPropertyOptional({ description: 'VDA 5050 operatingMode as last reported (AUTOMATIC, SEMIAUTOMATIC, MANUAL, SERVICE, TEACHIN): no orders in MANUAL, SERVICE or TEACHIN' })
  operatingMode?: string;
  @ApiPropertyOptional({ description: 'An emergency stop is active or a protective field is violated (VDA 5050 safetyState): no orders meanwhile' })
  safetyStop?: boolean;
  @ApiProperty() inService!: boolean;
  @ApiProperty({ type: [String], description: 'VDA 5050 action types an order may carry on its nodes (factsheet scope NODE, or the registration)' })
  actions!: string[];
  @ApiPropertyOptional({ type: [String], description: 'VDA 5050 action types it takes as instant actions (factsheet scope INSTANT); absent until its factsheet lists actions, and then nothing is refused' })
  instantActions?: string[];
  @ApiPropertyOptional({
    type: OrderLimitsResponse,
    description: 'What one order may hold, from its factsheet (VDA 5050 protocolLimits); absent while none is declared. No order over them is sent to it.',
  })
  orderLimits?: OrderLimitsResponse;
  @ApiProperty() speed!: number;
  @ApiProperty({ type: [RobotErrorResponse] }) errors!: RobotErrorResponse[];
  @ApiPropertyOptional() currentTaskId?: string;
  @ApiPropertyOptional() lastSeenAt?: string;

  static from(robot: Robot): RobotResponse {
    return {
      id: robot.id,
      manufacturer: robot.manufacturer,
      serialNumber: robot.serialNumber,
      name: robot.name,
      model: robot.model,
      state: robotActivity(robot),
      connection: robot.connection,
      floor: robot.pose?.floor,
      position: robot.pose ? { x: robot.pose.x, y: robot.pose.y, theta: robot.pose.theta } : undefined,
      lastNodeId: robot.lastNodeId,
      battery: robot.battery,
      charging: robot.charging,
      paused: robot.paused,
      operatingMode: robot.operatingMode,
      safetyStop: robot.safetyStop,
      inService: robot.inService,
      actions: [...robot.actions],
      instantActions: robot.instantActions && [...robot.instantActions],
      orderLimits: robot.orderLimits && { ...robot.orderLimits },
      speed: robot.speed,
      errors: robot.errors.map((e) => ({ ...e })),
      currentTaskId: robot.currentTaskId,
      lastSeenAt: robot.lastSeenAt === undefined ? undefined : new Date(robot.lastSeenAt).toISOString(),
    };
  }
}
