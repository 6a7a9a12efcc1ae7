import type { InstantCommand, Mission, RobotReport } from '@opiekun/application';
import type { ActionState, InstantActions, Order, State } from '@opiekun/vda5050';
import { actionTypeOf, instantActionType, isTemporaryNodeId, missionEdgeId, NODE_DEVIATION_M, type FactsheetInfo } from '@opiekun/application';
import type { OrderLimits } from '@opiekun/domain';

type OrderBody = Omit<Order, 'headerId' | 'timestamp' | 'version' | 'manufacturer' | 'serialNumber'>;
type InstantBody = Omit<InstantActions, 'headerId' | 'timestamp' | 'version' | 'manufacturer' | 'serialNumber'>;

/**
 * `ours`: how the ids of our making (orderId, actionIds, edgeIds) are written for the robot (compactId).
 * A mission becomes one order released as base: nodes carry even sequence ids, edges odd ones (VDA 5050 §6.6.2).
 * A stage of a longer route (`mission.part`) is the order update `part.updateId`, numbered as in the whole route: its
 * first node, the stitching node, carries the sequenceId and the actions it had in the message before.
 * `mapId` is the node's floor; the elevator exit node carries the `initPosition` action the mission planner put there.
 */
export function missionToOrder(mission: Mission, ours: (id: string) => string = (id) => id, allowed: AllowedBlocking = () => undefined): OrderBody {
  // the temporary node an order may start at (where a stopped robot stands) is ours too; the building's are not
  const nodeIdOf = (nodeId: string) => (isTemporaryNodeId(nodeId) ? ours(nodeId) : nodeId);
  const from = mission.part?.from ?? 0;
  const nodes = mission.nodes.map((node, i) => ({
    nodeId: nodeIdOf(node.nodeId),
    sequenceId: (from + i) * 2,
    released: true,
    // half a metre (NODE_DEVIATION_M), what the simulator and most vendors accept; more on the first node for a robot
    // that stopped between nodes (MissionFactory)
    nodePosition: { x: node.x, y: node.y, mapId: node.floor, allowedDeviationXY: Math.max(NODE_DEVIATION_M, node.allowedDeviationM ?? 0) },
    actions: node.actions.map((action) => ({
      actionType: action.type,
      actionId: ours(action.id),
      // HARD: the robot stays put while it acts (a pick, a wait for a nurse), unless its factsheet allows otherwise
      blockingType: blockingOf('HARD', allowed(action.type)),
      actionParameters: Object.entries(action.parameters ?? {}).map(([key, value]) => ({ key, value })),
    })),
  }));
  const edges = mission.nodes.slice(1).map((node, i) => {
    const start = mission.nodes[i];
    return {
      edgeId: ours(missionEdgeId(start.nodeId, node.nodeId)),
      sequenceId: (from + i) * 2 + 1,
      released: true,
      startNodeId: nodeIdOf(start.nodeId),
      endNodeId: nodeIdOf(node.nodeId),
      ...(node.maxSpeedIn !== undefined ? { maxSpeed: node.maxSpeedIn } : {}),
      actions: [],
    };
  });
  return { orderId: ours(mission.id), orderUpdateId: mission.part?.updateId ?? 0, nodes, edges } as OrderBody;
}

/**
 * Blocking type of each instant action (VDA 5050 §6.12): HARD "shall not be executed in parallel with other actions",
 * so a strict vehicle would hold a HARD pause until the action it runs ends — a robot waiting for a nurse would never
 * stop for a fleet stop. startPause lets actions continue and stops driving (§6.8: SOFT); stopPause lets it drive again.
 */
const BLOCKING: Record<InstantCommand['kind'], 'NONE' | 'SOFT' | 'HARD'> = {
  pause: 'SOFT',
  resume: 'NONE',
  cancel: 'HARD',
  factsheet: 'NONE',
  state: 'NONE',
  charge: 'HARD',
  releaseTrigger: 'NONE',
};

export function commandToInstantActions(command: InstantCommand, actionId: string, ours: (id: string) => string = (id) => id, allowed: AllowedBlocking = () => undefined): InstantBody {
  const actionParameters = command.kind === 'releaseTrigger' ? [{ key: 'actionId', value: ours(command.actionId) }] : [];
  const actionType = instantActionType(command);
  return { actions: [{ actionType, actionId, blockingType: blockingOf(BLOCKING[command.kind], allowed(actionType)), actionParameters }] } as InstantBody;
}

export type BlockingType = 'NONE' | 'SOFT' | 'HARD';

/** The blocking types a vehicle's factsheet allows for an action type (undefined: it does not say; any). */
export type AllowedBlocking = (actionType: string) => readonly BlockingType[] | undefined;

const BLOCKING_LEVEL: Readonly<Record<BlockingType, number>> = { NONE: 0, SOFT: 1, HARD: 2 };

/**
 * The blocking type to send: the one we want, or, when the vehicle's factsheet lists the action's `blockingTypes`
 * without it, the nearest it allows — the more blocking of two as near (a pause that waits for the action under way
 * is better than none). A vehicle is entitled to refuse an action whose blocking type its factsheet does not list.
 */
export function blockingOf(wanted: BlockingType, allowed: readonly BlockingType[] | undefined): BlockingType {
  if (!allowed || allowed.length === 0 || allowed.includes(wanted)) return wanted;
  const distance = (type: BlockingType) => Math.abs(BLOCKING_LEVEL[type] - BLOCKING_LEVEL[wanted]);
  return [...allowed].sort((a, b) => distance(a) - distance(b) || BLOCKING_LEVEL[b] - BLOCKING_LEVEL[a])[0]!;
}

/**
 * Each declared action's `blockingTypes` where it may run — `NODE` (on an order's nodes) and `INSTANT` (an instant
 * action) — keyed `${scope} ${actionType}`: an action may be declared once per scope with blocking types of its own.
 * Only the known types are kept; an action listing none is left out (any goes). Undefined for a factsheet that declares
 * no action at all (some stacks publish an empty one): what was known stands.
 */
export function factsheetBlocking(factsheet: FactsheetFields): Map<string, readonly BlockingType[]> | undefined {
  const actions = factsheet.protocolFeatures?.agvActions ?? [];
  if (actions.length === 0) return undefined;
  const found = new Map<string, readonly BlockingType[]>();
  for (const action of actions) {
    const types = (Array.isArray(action.blockingTypes) ? action.blockingTypes : []).filter((type): type is BlockingType => type in BLOCKING_LEVEL);
    if (types.length === 0) continue;
    for (const scope of action.actionScopes ?? ['NODE', 'INSTANT']) if (scope === 'NODE' || scope === 'INSTANT') found.set(`${scope} ${action.actionType}`, types);
  }
  return found;
}

/**
 * A state in the application's terms. `orderOfHeader` (the link's memory of the order messages it sent) lets an error
 * that references our order only by the message's `headerId` (and `topic` "order") name the orderId too.
 */
export function stateToReport(
  robotId: string,
  state: State,
  at: number,
  orderOfHeader: (headerId: number) => string | undefined = () => undefined,
  /** Told of each field left out as impossible (see implausible): the rest of the state is taken. */
  onImplausible: (field: string, problem: string) => void = () => undefined,
  /** Whether a mapId is a floor of the building (default: any). */
  isFloor: (mapId: string) => boolean = () => true,
  /** Our id for one the robot was written in short (compactId), or the id itself. */
  ourId: (id: string) => string = (id) => id,
): RobotReport {
  const pos = state.agvPosition;
  const problems = implausible(state, isFloor);
  for (const [field, problem] of problems) onImplausible(field, problem);
  return {
    robotId,
    at,
    pose: !pos || problems.has('agvPosition') ? undefined : pos.positionInitialized === false ? null : { x: pos.x, y: pos.y, theta: pos.theta, floor: pos.mapId },
    lastNodeId: state.lastNodeId ? ourId(state.lastNodeId) : undefined,
    lastNodeSequenceId: state.lastNodeSequenceId,
    battery: problems.has('batteryState.batteryCharge') ? undefined : state.batteryState?.batteryCharge,
    charging: state.batteryState?.charging,
    driving: state.driving,
    paused: state.paused,
    operatingMode: state.operatingMode,
    safetyStop: state.safetyState === undefined ? undefined : state.safetyState.eStop !== 'NONE' || state.safetyState.fieldViolation === true,
    loaded: state.loads === undefined ? undefined : state.loads.length > 0,
    errors: (state.errors ?? []).map((e) => ({
      type: e.errorType,
      level: e.errorLevel,
      description: e.errorDescription,
      references: errorReferences(e.errorReferences ?? [], orderOfHeader, ourId),
    })),
    missionId: state.orderId && ourId(state.orderId),
    missionUpdateId: state.orderUpdateId,
    pendingNodes: (state.nodeStates ?? []).map((n) => ourId(n.nodeId)),
    actions: (state.actionStates ?? []).map((a: ActionState) => ({
      id: ourId(a.actionId),
      // optional in a state (the order knows the type): ours carry it in their ids
      type: a.actionType ?? actionTypeOf(ourId(a.actionId)) ?? '',
      status: a.actionStatus,
      result: a.resultDescription,
    })),
  };
}

/** Metres from the map's origin beyond which a position is not one in a building (±1e308 passes the schema). */
const FARTHEST_M = 100_000;

/**
 * Values the schema lets through that cannot be true: a charge outside 0–100 % (the spec's unit is %; -5 % raised a
 * "battery at -5 %" alert), a position that is not a finite number of metres near the map's origin, an angle outside
 * ±2π (the spec's range is ±π; some vehicles send 0…2π), a map that is not a floor of the building (the robot would be
 * drawn and planned on a floor it is not on). Each such field is left out of the report — the last good
 * value stands — and the rest of the state is taken: refusing the whole state would make a robot that reports 100.4 %
 * look silent and lose its task.
 */
function implausible(state: State, isFloor: (mapId: string) => boolean): Map<string, string> {
  const problems = new Map<string, string>();
  const charge = state.batteryState?.batteryCharge;
  if (charge !== undefined && !(charge >= 0 && charge <= 100)) problems.set('batteryState.batteryCharge', `${charge} is not a percentage (0–100)`);
  const pos = state.agvPosition;
  if (pos) {
    const far = [pos.x, pos.y].find((v) => !Number.isFinite(v) || Math.abs(v) > FARTHEST_M);
    if (far !== undefined) problems.set('agvPosition', `x/y ${far} is not a position within ${FARTHEST_M / 1000} km of the map's origin`);
    else if (!Number.isFinite(pos.theta) || Math.abs(pos.theta) > 2 * Math.PI) problems.set('agvPosition', `theta ${pos.theta} is not an angle in radians (±π)`);
    else if (!isFloor(pos.mapId)) problems.set('agvPosition', `mapId "${pos.mapId.slice(0, 64)}" is not a floor of the building`);
  }
  return problems;
}

const OUR_ID_KEYS: ReadonlySet<string> = new Set(['orderId', 'actionId', 'edgeId', 'nodeId']);

function errorReferences(refs: readonly { referenceKey: string; referenceValue: string }[], orderOfHeader: (headerId: number) => string | undefined, ourId: (id: string) => string): string[] {
  // only references that name an id of ours can be one written short (a node of the building or a headerId is not)
  const values = refs.map((r) => (OUR_ID_KEYS.has(r.referenceKey) ? ourId(String(r.referenceValue)) : String(r.referenceValue)));
  const topic = refs.find((r) => r.referenceKey === 'topic')?.referenceValue;
  const header = refs.find((r) => r.referenceKey === 'headerId');
  if (header && (topic === undefined || topic === 'order')) {
    const orderId = orderOfHeader(Number(header.referenceValue));
    if (orderId !== undefined && !values.includes(orderId)) values.push(orderId);
  }
  return values;
}

/** Reads only fields that 2.0 and 2.1 factsheets share. */
interface FactsheetFields {
  readonly protocolFeatures?: { readonly agvActions?: readonly FactsheetAction[] };
  readonly typeSpecification?: { readonly seriesName?: string };
  readonly physicalParameters?: { readonly speedMax?: number };
  readonly protocolLimits?: {
    readonly maxArrayLens?: {
      readonly 'order.nodes'?: number;
      readonly 'order.edges'?: number;
      readonly 'node.actions'?: number;
      readonly 'actions.actionsParameters'?: number;
    };
    readonly maxStringLens?: { readonly idLen?: number; readonly idNumericalOnly?: boolean; readonly msgLen?: number };
  };
}

interface FactsheetAction {
  readonly actionType: string;
  /** INSTANT, NODE, EDGE (required by the schema; read defensively all the same). */
  readonly actionScopes?: readonly string[];
  /** NONE, SOFT, HARD: the blocking types the vehicle takes for this action (optional). */
  readonly blockingTypes?: readonly string[];
}

/**
 * `actions`: what our orders may carry on the robot's nodes (scope NODE); `instantActions`: what it takes as an
 * instant action (scope INSTANT). An action declared INSTANT only would make the vehicle reject an order carrying it
 * on a node (VDA 5050 §6.8.1, factsheet `actionScopes`).
 */
export function factsheetToInfo(factsheet: FactsheetFields): FactsheetInfo {
  const declared = factsheet.protocolFeatures?.agvActions ?? [];
  return {
    actions: withScope(declared, 'NODE'),
    instantActions: withScope(declared, 'INSTANT'),
    model: factsheet.typeSpecification?.seriesName,
    speed: factsheet.physicalParameters?.speedMax,
    orderLimits: factsheet.protocolLimits ? orderLimitsOf(factsheet.protocolLimits) : undefined,
  };
}

/** The limits that bind an order (absent, 0 or not a positive whole number: no limit, as the schema says). */
function orderLimitsOf(limits: NonNullable<FactsheetFields['protocolLimits']>): OrderLimits {
  const arrays = limits.maxArrayLens ?? {};
  const strings = limits.maxStringLens ?? {};
  const limit = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);
  const found: { -readonly [K in keyof OrderLimits]: OrderLimits[K] } = {
    nodes: limit(arrays['order.nodes']),
    edges: limit(arrays['order.edges']),
    nodeActions: limit(arrays['node.actions']),
    actionParameters: limit(arrays['actions.actionsParameters']),
    idLength: limit(strings.idLen),
    numericIds: strings.idNumericalOnly === true ? true : undefined,
    messageBytes: limit(strings.msgLen),
  };
  return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined)) as OrderLimits;
}

function withScope(actions: readonly FactsheetAction[], scope: 'INSTANT' | 'NODE'): string[] {
  return actions.filter((a) => (a.actionScopes ?? []).includes(scope)).map((a) => a.actionType);
}
