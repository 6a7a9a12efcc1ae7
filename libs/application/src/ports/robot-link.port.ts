import type { Pose } from '@opiekun/domain';

/** One stop of a mission: a node the robot drives through, with the actions to run there. */
export interface MissionNode {
  readonly nodeId: string;
  readonly floor: string;
  readonly x: number;
  readonly y: number;
  /** Speed limit on the edge that leads to this node (zones), m/s. */
  readonly maxSpeedIn?: number;
  /**
   * Metres the robot may stand off this node and count as on it, when more than NODE_DEVIATION_M: set on the first
   * node for a robot that stopped between nodes (MissionFactory).
   */
  readonly allowedDeviationM?: number;
  readonly actions: readonly MissionAction[];
}

export interface MissionAction {
  /** Unique per mission; progress reports name it. */
  readonly id: string;
  readonly type: string;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
}

/** A route for one robot, starting at the node it stands on; the link turns it into a protocol order. */
export interface Mission {
  /** Unique per attempt: a resend carries the same id. */
  readonly id: string;
  readonly robotId: string;
  readonly taskId?: string;
  readonly nodes: readonly MissionNode[];
  /**
   * Set when these nodes are one stage of a longer route that goes out in order updates (orderStages, OrderStaging):
   * `updateId` is the stage's orderUpdateId, `from` the place of its first node in the whole route (its sequenceIds
   * follow from it). Unset: the whole route, one order (orderUpdateId 0).
   */
  readonly part?: { readonly updateId: number; readonly from: number };
}

export type InstantCommand =
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  /** `id`: the instant action's actionId when the caller must find it in the robot's actionStates (else a fresh one). */
  | { readonly kind: 'cancel'; readonly id?: string }
  | { readonly kind: 'factsheet' }
  | { readonly kind: 'state' }
  | { readonly kind: 'charge'; readonly start: boolean }
  /**
   * Ends a node action `waitForTrigger` the robot runs, as its own trigger would (a person confirmed elsewhere, on
   * the dashboard). Project-specific instant action `releaseTrigger` with parameter `actionId`: VDA 5050 leaves a
   * master-side release open (waitForTrigger is not an instant action), and vendor actions go in the factsheet.
   */
  | { readonly kind: 'releaseTrigger'; readonly actionId: string };

/** The VDA 5050 actionType a command goes out as (§6.8.1; releaseTrigger is ours), as factsheets name it. */
const INSTANT_KINDS: readonly InstantCommand['kind'][] = ['pause', 'resume', 'cancel', 'factsheet', 'state', 'charge', 'releaseTrigger'];
const INSTANT_ACTION_ID = new RegExp(`^(?:${INSTANT_KINDS.join('|')})-`);

/** A fresh actionId for an instant command: `<kind>-<unique>` (a cancel of a known order: `cancelActionId`). */
export function instantActionId(kind: InstantCommand['kind'], unique: string): string {
  return `${kind}-${unique}`;
}

/** Whether an id is one of our instant actions' (as `instantActionId` and `cancelActionId` make them). */
export function isInstantActionId(id: string): boolean {
  return INSTANT_ACTION_ID.test(id);
}

export function instantActionType(command: InstantCommand): string {
  switch (command.kind) {
    case 'pause':
      return 'startPause';
    case 'resume':
      return 'stopPause';
    case 'cancel':
      return 'cancelOrder';
    case 'factsheet':
      return 'factsheetRequest';
    case 'state':
      return 'stateRequest';
    case 'charge':
      return command.start ? 'startCharging' : 'stopCharging';
    case 'releaseTrigger':
      return 'releaseTrigger';
  }
}

/** Outbound side of the fleet link. Inbound reports reach the application through FleetService methods. */
export abstract class RobotLink {
  abstract sendMission(mission: Mission): Promise<void>;
  abstract sendInstant(robotId: string, command: InstantCommand): Promise<void>;

  /** Bytes of the message the mission goes out as (its protocol's order), when the link can tell. */
  orderBytes?(mission: Mission): number;
}

/** What a robot told us, in protocol-neutral terms. */
export interface RobotReport {
  readonly robotId: string;
  readonly at: number;
  /** Where it is; null: it says it does not know (VDA 5050 `positionInitialized` false), so its last pose is void. */
  readonly pose?: Pose | null;
  readonly lastNodeId?: string;
  /** The sequenceId of that node in the order (VDA 5050 lastNodeSequenceId): tells a node a route passes twice apart. */
  readonly lastNodeSequenceId?: number;
  readonly battery?: number;
  readonly charging?: boolean;
  readonly driving?: boolean;
  readonly paused?: boolean;
  /** VDA 5050 operatingMode (AUTOMATIC, SEMIAUTOMATIC, MANUAL, SERVICE, TEACHIN). */
  readonly operatingMode?: string;
  /** safetyState: an emergency stop other than NONE, or a protective field violated. */
  readonly safetyStop?: boolean;
  /** Whether it carries a load (VDA 5050 `loads` not empty); undefined when the robot does not report loads. */
  readonly loaded?: boolean;
  readonly errors?: readonly { type: string; level: 'WARNING' | 'FATAL'; description?: string; references?: readonly string[] }[];
  /** The mission the robot works on (VDA 5050 orderId), '' when none. */
  readonly missionId?: string;
  readonly missionUpdateId?: number;
  /** Node ids of the mission still to be traversed. */
  readonly pendingNodes?: readonly string[];
  readonly actions?: readonly { id: string; type: string; status: 'WAITING' | 'INITIALIZING' | 'RUNNING' | 'PAUSED' | 'FINISHED' | 'FAILED'; result?: string }[];
}
