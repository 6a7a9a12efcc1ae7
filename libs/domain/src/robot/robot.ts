export type ConnectionState = 'ONLINE' | 'OFFLINE' | 'CONNECTIONBROKEN' | 'UNKNOWN';

/** What staff see; derived from the robot's last report by `robotActivity`. */
export const ROBOT_ACTIVITIES = ['idle', 'moving', 'working', 'charging', 'error', 'offline'] as const;
export type RobotActivity = (typeof ROBOT_ACTIVITIES)[number];

export interface RobotError {
  readonly type: string;
  readonly level: 'WARNING' | 'FATAL';
  readonly description?: string;
}

export interface Pose {
  readonly x: number;
  readonly y: number;
  readonly theta: number;
  /** VDA 5050 mapId = facility floor id. */
  readonly floor: string;
}

export interface Robot {
  /** `${manufacturer}:${serialNumber}` */
  readonly id: string;
  readonly manufacturer: string;
  readonly serialNumber: string;
  readonly name: string;
  readonly model?: string;
  /**
   * VDA 5050 action types an order may carry on the robot's nodes: its factsheet's actions whose `actionScopes` include
   * NODE, or the registration's when the factsheet lists none.
   */
  readonly actions: readonly string[];
  /**
   * VDA 5050 action types it takes as instant actions (factsheet `actionScopes` INSTANT); undefined until a factsheet
   * that lists actions arrives, and then no instant action is held back from it.
   */
  readonly instantActions?: readonly string[];
  /**
   * What one order may hold for it, from its factsheet's `protocolLimits`; undefined until a factsheet says (then no
   * limit is known, and none is assumed).
   */
  readonly orderLimits?: OrderLimits;
  /** Metres per second used for travel estimates. */
  readonly speed: number;
  readonly connection: ConnectionState;
  readonly pose?: Pose;
  readonly lastNodeId?: string;
  /** 0–100 */
  readonly battery?: number;
  readonly charging: boolean;
  readonly driving: boolean;
  readonly paused: boolean;
  /** true while some action of the current order runs */
  readonly working: boolean;
  /**
   * Whether it carries a load (VDA 5050 `loads` not empty); undefined when the robot does not report loads. A robot
   * with something on board is never taken off its task for another.
   */
  readonly loaded?: boolean;
  readonly errors: readonly RobotError[];
  /**
   * VDA 5050 operatingMode as last reported (AUTOMATIC, SEMIAUTOMATIC, MANUAL, SERVICE, TEACHIN); undefined until a
   * state says. Master control sends no orders in MANUAL, SERVICE or TEACHIN (§6.10.6).
   */
  readonly operatingMode?: string;
  /** An emergency stop is active or a protective field is violated (VDA 5050 safetyState): it cannot drive now. */
  readonly safetyStop?: boolean;
  /** false when staff took it out of service */
  readonly inService: boolean;
  readonly currentTaskId?: string;
  /** The order (mission) the robot was last sent and has not finished: a task's or a trip to a charger. */
  readonly missionId?: string;
  /** Epoch ms of the last message from the robot. */
  readonly lastSeenAt?: number;
}

/**
 * The limits a vehicle declares for the orders it can process (VDA 5050 factsheet `protocolLimits`; a limit absent or
 * 0 there is no limit, and is left out here).
 */
export interface OrderLimits {
  /** `maxArrayLens` `order.nodes`: nodes in one order. */
  readonly nodes?: number;
  /** `maxArrayLens` `order.edges`: edges in one order. */
  readonly edges?: number;
  /** `maxArrayLens` `node.actions`: actions on one node. */
  readonly nodeActions?: number;
  /** `maxArrayLens` `actions.actionsParameters`: parameters of one action. */
  readonly actionParameters?: number;
  /** `maxStringLens` `idLen`: characters of an id (orderId, nodeId, mapId, actionId, edgeId and its node ids). */
  readonly idLength?: number;
  /** `maxStringLens` `idNumericalOnly`: those ids must be numbers. */
  readonly numericIds?: boolean;
  /** `maxStringLens` `msgLen`: bytes of one MQTT message (the order's JSON). */
  readonly messageBytes?: number;
}

export function robotId(manufacturer: string, serialNumber: string): string {
  return `${manufacturer}:${serialNumber}`;
}

export function robotActivity(robot: Robot): RobotActivity {
  if (robot.connection !== 'ONLINE') return 'offline';
  if (robot.errors.some((e) => e.level === 'FATAL')) return 'error';
  if (robot.charging) return 'charging';
  if (robot.driving) return 'moving';
  if (robot.working) return 'working';
  return 'idle';
}

export function canDo(robot: Robot, requires: readonly string[]): boolean {
  return requires.every((a) => robot.actions.includes(a));
}

/** Whether its factsheet told us which actions it takes on nodes and as instant actions. */
export function knowsScopes(robot: Pick<Robot, 'instantActions'>): boolean {
  return robot.instantActions !== undefined;
}

/** Whether the robot takes `actionType` as an instant action; a robot whose factsheet we do not know is not held back. */
export function takesInstant(robot: Pick<Robot, 'instantActions'>, actionType: string): boolean {
  return robot.instantActions === undefined || robot.instantActions.includes(actionType);
}
