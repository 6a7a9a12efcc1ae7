import type { ConnectionState, OrderLimits, Pose, Robot, RobotError } from '@opiekun/domain';
import { RobotEntity } from '../entities/robot.entity';
import { nullToUndefined, storedOneOf, undefinedToNull, withoutUndefined } from './stored-value';

const CONNECTION_STATES: readonly ConnectionState[] = ['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN', 'UNKNOWN'];

export function robotToEntity(robot: Robot): RobotEntity {
  const entity = new RobotEntity();
  entity.id = robot.id;
  entity.manufacturer = robot.manufacturer;
  entity.serialNumber = robot.serialNumber;
  entity.name = robot.name;
  entity.model = undefinedToNull(robot.model);
  entity.actions = JSON.stringify(robot.actions);
  entity.instantActions = robot.instantActions === undefined ? null : JSON.stringify(robot.instantActions);
  entity.orderLimits = robot.orderLimits === undefined ? null : JSON.stringify(robot.orderLimits);
  entity.speed = robot.speed;
  entity.connection = robot.connection;
  entity.poseX = robot.pose?.x ?? null;
  entity.poseY = robot.pose?.y ?? null;
  entity.poseTheta = robot.pose?.theta ?? null;
  entity.poseFloor = robot.pose?.floor ?? null;
  entity.lastNodeId = undefinedToNull(robot.lastNodeId);
  entity.battery = undefinedToNull(robot.battery);
  entity.charging = robot.charging;
  entity.driving = robot.driving;
  entity.paused = robot.paused;
  entity.working = robot.working;
  entity.errors = JSON.stringify(robot.errors);
  entity.inService = robot.inService;
  entity.currentTaskId = undefinedToNull(robot.currentTaskId);
  entity.lastSeenAt = undefinedToNull(robot.lastSeenAt);
  return entity;
}

export function robotFromEntity(entity: RobotEntity): Robot {
  return withoutUndefined({
    id: entity.id,
    manufacturer: entity.manufacturer,
    serialNumber: entity.serialNumber,
    name: entity.name,
    model: nullToUndefined(entity.model),
    actions: JSON.parse(entity.actions) as string[],
    instantActions: entity.instantActions === null ? undefined : (JSON.parse(entity.instantActions) as string[]),
    orderLimits: entity.orderLimits === null ? undefined : (JSON.parse(entity.orderLimits) as OrderLimits),
    speed: entity.speed,
    connection: storedOneOf(CONNECTION_STATES, entity.connection, 'robot.connection'),
    pose: poseFromEntity(entity),
    lastNodeId: nullToUndefined(entity.lastNodeId),
    battery: nullToUndefined(entity.battery),
    charging: entity.charging,
    driving: entity.driving,
    paused: entity.paused,
    working: entity.working,
    errors: JSON.parse(entity.errors) as RobotError[],
    inService: entity.inService,
    currentTaskId: nullToUndefined(entity.currentTaskId),
    lastSeenAt: nullToUndefined(entity.lastSeenAt),
  });
}

function poseFromEntity(entity: RobotEntity): Pose | undefined {
  const { poseX: x, poseY: y, poseTheta: theta, poseFloor: floor } = entity;
  if (x === null || y === null || theta === null || floor === null) return undefined;
  return { x, y, theta, floor };
}
