import type { OrderLimits } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { MissionStore } from '../ports/mission-store.port';
import { type InstantCommand, type Mission, RobotLink, type RobotReport } from '../ports/robot-link.port';
import { parseMissionId } from './mission-factory';
import { missionStage, missionStages, nodesPerOrder, type OrderStage } from './order-limits';
import { errorText, ORDER_REJECTIONS, rejects } from './order-reconciler';

/** What a state says of one of our orders (FleetService's reading of it). */
export type StagedOutcome = 'pending' | 'running' | 'done' | 'failed' | 'rejected' | 'dropped';

/** A route sent to a robot that limits an order's nodes: its stages, the last one sent (when, how often), and whether it is being called off. */
interface Route {
  readonly mission: Mission;
  /** Nodes the robot takes in one order (Infinity: no limit, the route went whole). */
  readonly perOrder: number;
  readonly stages: readonly OrderStage[];
  sent: number;
  sentAt: number;
  sends: number;
  calledOff: boolean;
}

/** Gives the mission of a task order that went out before a restart (the outbox), to take its stages up again. */
export type StagedMissionSource = (missionId: string, robotId: string) => Promise<Mission | undefined>;

/** The task missions of the outbox (MissionStore) as a StagedMissionSource. */
export function outboxMissions(missions: MissionStore): StagedMissionSource {
  return async (missionId, robotId) => {
    const ref = parseMissionId(missionId);
    if (ref?.kind !== 'task') return undefined;
    const stored = await missions.forTask(ref.taskId);
    return stored && stored.id === missionId && stored.robotId === robotId ? stored : undefined;
  };
}

export interface OrderStagingOptions {
  /** An update the robot's state does not show yet is sent again after this long… */
  readonly resendAfterMs: number;
  /** …this many times at most; then the attempt ends (the robot stands at the end of its base). */
  readonly maxSends: number;
}

/** Routes remembered per robot: its current one and a few before (a late completion of an older one is read with them). */
const ROUTES_PER_ROBOT = 8;

/** Operating modes in which a vehicle clears its orders (VDA 5050 §6.10.6). */
const CLEARING_MODES: ReadonlySet<string> = new Set(['MANUAL', 'SERVICE', 'TEACHIN']);

/**
 * Routes longer than a robot takes in one order (factsheet `maxArrayLens` order.nodes / order.edges), sent as an order
 * and then order updates (VDA 5050 §6.6.2; the stages are `missionStages`). The robot's states are read as they come;
 * `judge` corrects what they would say of such a route: at the end of a stage that is not the last, standing on its
 * last node with nothing left of it, the route is not done (nor dropped) but waiting for its next stage, while a robot
 * that has nothing left and stands elsewhere, or is in a mode that clears orders, dropped it; an update it refuses, or
 * does not take after `maxSends` sends, ends the attempt. `next` gives the stage to send once the robot has traversed
 * enough of its base — none for a route being called off (a cancelOrder went to the robot). After a restart a task's
 * route is taken up again from the outbox (`recover`); a charge or park trip's is not (the robot stops at the end of its
 * stage and is planned again from there), and an older attempt's is not known (`uncertain`).
 */
export class OrderStaging {
  private readonly routes = new Map<string, Map<string, Route>>();
  /** The order last looked up in the source for each robot (looked up once). */
  private readonly asked = new Map<string, string>();

  constructor(
    private readonly limitsOf: (robotId: string) => OrderLimits | undefined,
    private readonly clock: Clock,
    private readonly source: StagedMissionSource = async () => undefined,
    private readonly options: OrderStagingOptions = { resendAfterMs: 2_000, maxSends: 5 },
  ) {}

  /**
   * What goes out when a mission is sent: the mission itself when it fits the robot's order (or is already a stage),
   * else its first stage, the rest remembered. A mission sent again starts again from its first stage.
   */
  first(mission: Mission): Mission {
    if (mission.part) return mission;
    // a robot without limits gets the whole route, remembered as such (its limits may come later, with a factsheet)
    const perOrder = nodesPerOrder(this.limitsOf(mission.robotId)) ?? Infinity;
    const stages = missionStages(mission, perOrder);
    this.remember(mission.robotId, { mission, perOrder, stages, sent: 0, sentAt: this.clock.now(), sends: 1, calledOff: false });
    return missionStage(mission, stages, 0);
  }

  /**
   * Before a state of a robot that limits an order's nodes is read: the route of the order it reports, when this process
   * did not send it (a restart), from the source — asked once per order; a source that fails leaves it unknown.
   */
  async recover(report: RobotReport): Promise<void> {
    const missionId = report.missionId;
    if (!missionId || this.route(report.robotId, missionId) || this.asked.get(report.robotId) === missionId) return;
    const perOrder = nodesPerOrder(this.limitsOf(report.robotId));
    if (perOrder === undefined) return;
    let mission: Mission | undefined;
    try {
      mission = await this.source(missionId, report.robotId);
    } catch {
      return; // asked again at the next state
    }
    this.asked.set(report.robotId, missionId);
    if (!mission) return;
    // a robot that holds more nodes of it than it takes in one order was sent it whole (before its limits were known)
    const stages = (report.pendingNodes ?? []).length > perOrder ? missionStages(mission, Infinity) : missionStages(mission, perOrder);
    const route: Route = { mission, perOrder, stages, sent: 0, sentAt: -Infinity, sends: 0, calledOff: false };
    route.sent = heldStage(report, route);
    this.remember(report.robotId, route);
  }

  /**
   * What the state says of the route `missionId`, given what it would say of a route sent whole (`outcome`), and why,
   * when that is not the robot's own words. `expected`: the order the robot is to run now (not an older one it
   * reports finished).
   * - A staged route is done only on its last node: at the last node of another stage with nothing left of it, the
   *   robot waits for the next stage (unless the route was called off, or it is in a mode that clears orders: then it
   *   dropped it); with nothing left elsewhere, it dropped it. Nodes are told by sequenceId where the robot reports it
   *   (a route may pass a node twice).
   * - An update it refuses, or does not take after `maxSends` sends, fails the attempt.
   * - The expected order of a robot that limits an order's nodes whose route is not known here (a restart, the outbox
   *   not read yet) is not done on the robot's word: it may be a stage.
   */
  judge(missionId: string, report: RobotReport, outcome: StagedOutcome, expected = true): { readonly outcome: StagedOutcome; readonly reason?: string } {
    if (report.missionId !== missionId) return { outcome };
    const route = this.route(report.robotId, missionId);
    if (!route) {
      if (!expected || !this.uncertain(report.robotId, missionId)) return { outcome };
      // not done on its word; nor dropped at the end of what may be a stage while the outbox could not be read yet
      const unread = this.asked.get(report.robotId) !== missionId;
      return outcome === 'done' || (outcome === 'dropped' && unread && (report.pendingNodes ?? []).length === 0) ? { outcome: 'running' } : { outcome };
    }
    if (route.stages.length === 1) return { outcome };
    const held = heldStage(report, route);
    if (held + 1 < route.stages.length && route.sent > held) {
      if (rejects(report, missionId)) {
        const errors = (report.errors ?? []).filter((e) => ORDER_REJECTIONS.has(e.type)).map(errorText);
        return { outcome: 'failed', reason: `robot refused order update ${route.sent} of the route: ${errors.join('; ')}` };
      }
      if (route.sends >= this.options.maxSends && this.clock.now() - route.sentAt >= this.options.resendAfterMs) {
        return { outcome: 'failed', reason: `robot did not take order update ${route.sent} of the route (sent ${route.sends} times); it stands at the end of what it was given` };
      }
    }
    if (outcome !== 'done' && outcome !== 'dropped') return { outcome };
    const last = route.mission.nodes.length - 1;
    const stopped = (report.pendingNodes ?? []).length === 0;
    if (outcome === 'done' && stopped && standsOn(report, route, last)) return { outcome };
    const stageEnd = route.stages[held]!.to;
    const waiting = stopped && stageEnd < last && standsOn(report, route, stageEnd) && !route.calledOff && !CLEARING_MODES.has(report.operatingMode ?? '');
    if (waiting) return { outcome: 'running' };
    return { outcome: 'dropped', reason: route.calledOff ? `order called off while the robot held part of its route (${held + 1} of ${route.stages.length} stages)` : undefined };
  }

  /**
   * The stage to send the robot now, after this state of it: the one after the stage it holds, once the nodes it has
   * left and the new ones are no more than it takes in one order; again after `resendAfterMs` while its state does not
   * show it, `maxSends` times at most (looked at with each state: a vehicle sends one at least every 30 s, §6.10). Undefined when none is due, and for a route being called off. The caller sends
   * it only while the order is still the one the robot is to run.
   */
  next(report: RobotReport): Mission | undefined {
    const route = report.missionId ? this.route(report.robotId, report.missionId) : undefined;
    if (!route || route.calledOff) return undefined;
    const held = heldStage(report, route);
    if (held + 1 >= route.stages.length) return undefined;
    const { from, to } = route.stages[held + 1]!;
    if ((report.pendingNodes ?? []).length + (to - from) > route.perOrder) return undefined;
    const now = this.clock.now();
    if (route.sent === held + 1) {
      if (now - route.sentAt < this.options.resendAfterMs || route.sends >= this.options.maxSends) return undefined;
      route.sends += 1;
    } else {
      route.sent = held + 1;
      route.sends = 1;
    }
    route.sentAt = now;
    return missionStage(route.mission, route.stages, held + 1);
  }

  /**
   * A cancelOrder went to the robot: no stage of what it holds is sent any more. cancelOrder names no order: it stops
   * whatever the vehicle runs, so every route sent to it so far is called off.
   */
  callOff(robotId: string): void {
    for (const route of this.routes.get(robotId)?.values() ?? []) route.calledOff = true;
  }

  /**
   * Whether a finished task order of a robot that limits an order's nodes may have been only part of its route: this
   * process did not send it (a restart since), so its stages are not known.
   */
  uncertain(robotId: string, missionId: string): boolean {
    return parseMissionId(missionId)?.kind === 'task' && nodesPerOrder(this.limitsOf(robotId)) !== undefined && !this.route(robotId, missionId);
  }

  /** The route of a robot's order, as sent in stages (tests, diagnostics). */
  stagesOf(robotId: string, missionId: string): { readonly stages: number; readonly sent: number; readonly calledOff: boolean } | undefined {
    const route = this.route(robotId, missionId);
    return route && { stages: route.stages.length, sent: route.sent, calledOff: route.calledOff };
  }

  private route(robotId: string, missionId: string): Route | undefined {
    return this.routes.get(robotId)?.get(missionId);
  }

  private remember(robotId: string, route: Route): void {
    let byMission = this.routes.get(robotId);
    if (!byMission) this.routes.set(robotId, (byMission = new Map()));
    byMission.delete(route.mission.id);
    byMission.set(route.mission.id, route);
    if (byMission.size > ROUTES_PER_ROBOT) byMission.delete(byMission.keys().next().value!);
  }
}

/** The stage the robot holds: the orderUpdateId it reports, within the stages there are. */
function heldStage(report: RobotReport, route: Route): number {
  const id = report.missionUpdateId ?? 0;
  return Number.isInteger(id) && id > 0 ? Math.min(id, route.stages.length - 1) : 0;
}

/**
 * Whether the robot stands on the route's node `index` (never the first): by the sequenceId it reports (the node's place
 * in the route) and its node id, each where it reports one, and at least one of them.
 */
function standsOn(report: RobotReport, route: Route, index: number): boolean {
  const lastNodeId = report.lastNodeId;
  // 0: "not available" as well as the first node (VDA 5050 §6.10); the end of a stage or route is never the first node
  const lastNodeSequenceId = report.lastNodeSequenceId || undefined;
  if (!lastNodeId && lastNodeSequenceId === undefined) return false;
  return (!lastNodeId || lastNodeId === route.mission.nodes[index]!.nodeId) && (lastNodeSequenceId === undefined || lastNodeSequenceId === index * 2);
}

/**
 * The robot link with routes longer than a robot takes in one order sent in stages (OrderStaging.first), and a
 * cancelOrder calling off the stages of what the robot holds.
 */
export class StagedRobotLink extends RobotLink {
  constructor(
    private readonly inner: RobotLink,
    readonly staging: OrderStaging,
  ) {
    super();
    // the size of each stage's message, as the link writes it (orderLimitProblem asks it per stage)
    if (inner.orderBytes) this.orderBytes = (mission) => inner.orderBytes!(mission);
  }

  sendMission(mission: Mission): Promise<void> {
    return this.inner.sendMission(this.staging.first(mission));
  }

  sendInstant(robotId: string, command: InstantCommand): Promise<void> {
    if (command.kind === 'cancel') this.staging.callOff(robotId);
    return this.inner.sendInstant(robotId, command);
  }
}
