import type { InstantCommand, Mission, RobotReport } from '@opiekun/application';
import type { ActionState, InstantActions, Order, State } from '@opiekun/vda5050';
import { instantActionType, NODE_DEVIATION_M, type FactsheetInfo } from '@opiekun/application';

type OrderBody = Omit<Order, 'headerId' | 'timestamp' | 'version' | 'manufacturer' | 'serialNumber'>;
type InstantBody = Omit<InstantActions, 'headerId' | 'timestamp' | 'version' | 'manufacturer' | 'serialNumber'>;

/**
 * A mission becomes one order released as base: nodes carry even sequence ids, edges odd ones (VDA 5050 §6.6.2).
 * `mapId` is the node's floor; the elevator exit node carries the `initPosition` action the mission planner put there.
 */
export function missionToOrder(mission: Mission): OrderBody {
  const nodes = mission.nodes.map((node, i) => ({
    nodeId: node.nodeId,
    sequenceId: i * 2,
    released: true,
    // half a metre (NODE_DEVIATION_M), what the simulator and most vendors accept; more on the first node for a robot
    // that stopped between nodes (MissionFactory)
    nodePosition: { x: node.x, y: node.y, mapId: node.floor, allowedDeviationXY: Math.max(NODE_DEVIATION_M, node.allowedDeviationM ?? 0) },
    actions: node.actions.map((action) => ({
      actionType: action.type,
      actionId: action.id,
      blockingType: 'HARD' as const,
      actionParameters: Object.entries(action.parameters ?? {}).map(([key, value]) => ({ key, value })),
    })),
  }));
  const edges = mission.nodes.slice(1).map((node, i) => {
    const start = mission.nodes[i];
    return {
      edgeId: `${start.nodeId}->${node.nodeId}`,
      sequenceId: i * 2 + 1,
      released: true,
      startNodeId: start.nodeId,
      endNodeId: node.nodeId,
      ...(node.maxSpeedIn !== undefined ? { maxSpeed: node.maxSpeedIn } : {}),
      actions: [],
    };
  });
  return { orderId: mission.id, orderUpdateId: 0, nodes, edges } as OrderBody;
}

const BLOCKING: Record<InstantCommand['kind'], 'NONE' | 'SOFT' | 'HARD'> = {
  pause: 'HARD',
  resume: 'HARD',
  cancel: 'HARD',
  factsheet: 'NONE',
  state: 'NONE',
  charge: 'HARD',
  releaseTrigger: 'NONE',
};

export function commandToInstantActions(command: InstantCommand, actionId: string): InstantBody {
  const actionParameters = command.kind === 'releaseTrigger' ? [{ key: 'actionId', value: command.actionId }] : [];
  return { actions: [{ actionType: instantActionType(command), actionId, blockingType: BLOCKING[command.kind], actionParameters }] } as InstantBody;
}

/**
 * A state in the application's terms. `orderOfHeader` (the link's memory of the order messages it sent) lets an error
 * that references our order only by the message's `headerId` (and `topic` "order") name the orderId too.
 */
export function stateToReport(robotId: string, state: State, at: number, orderOfHeader: (headerId: number) => string | undefined = () => undefined): RobotReport {
  const pos = state.agvPosition;
  return {
    robotId,
    at,
    pose: !pos ? undefined : pos.positionInitialized === false ? null : { x: pos.x, y: pos.y, theta: pos.theta, floor: pos.mapId },
    lastNodeId: state.lastNodeId || undefined,
    battery: state.batteryState?.batteryCharge,
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
      references: errorReferences(e.errorReferences ?? [], orderOfHeader),
    })),
    missionId: state.orderId,
    missionUpdateId: state.orderUpdateId,
    pendingNodes: (state.nodeStates ?? []).map((n) => n.nodeId),
    actions: (state.actionStates ?? []).map((a: ActionState) => ({
      id: a.actionId,
      type: a.actionType ?? '',
      status: a.actionStatus,
      result: a.resultDescription,
    })),
  };
}

function errorReferences(refs: readonly { referenceKey: string; referenceValue: string }[], orderOfHeader: (headerId: number) => string | undefined): string[] {
  const values = refs.map((r) => String(r.referenceValue));
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
}

interface FactsheetAction {
  readonly actionType: string;
  /** INSTANT, NODE, EDGE (required by the schema; read defensively all the same). */
  readonly actionScopes?: readonly string[];
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
  };
}

function withScope(actions: readonly FactsheetAction[], scope: 'INSTANT' | 'NODE'): string[] {
  return actions.filter((a) => (a.actionScopes ?? []).includes(scope)).map((a) => a.actionType);
}
