import type { OrderLimits } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { MissionStore } from '../ports/mission-store.port';
import { type InstantCommand, type Mission, RobotLink, type RobotReport } from '../ports/robot-link.port';
import { parseMissionId } from './mission-factory';
import { missionStage, nodesPerOrder, orderStages, type OrderStage } from './order-limits';

/** A route going out in stages to one robot: the whole mission, its stages, and the last stage sent (and when). */
interface Staged {
  readonly mission: Mission;
  readonly perOrder: number;
  readonly stages: readonly OrderStage[];
  sent: number;
  sentAt: number;
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

/**
 * Routes longer than a robot takes in one order (factsheet `maxArrayLens` order.nodes / order.edges), sent as an order
 * and then order updates (VDA 5050 §6.6.2; the stages are `orderStages`). The rest of the application sees the whole
 * mission: `view` makes a robot's state show the nodes and actions of the stages not sent yet as still ahead (so the
 * order is neither done nor dropped at the end of a stage, and a robot's remaining work counts them), and `next` gives
 * the stage to send once the robot has traversed enough of its base — again every `resendAfterMs` while the robot does
 * not report it (orders go at QoS 0). After a restart a task's stages are taken up again from the outbox; a charge or
 * park trip's are not (the robot stops at the end of its stage, and is planned again from there).
 */
export class OrderStaging {
  private readonly routes = new Map<string, Staged>();
  /** Orders a robot reported that are not staged and could not be found (asked once each). */
  private readonly unknown = new Map<string, string>();

  constructor(
    private readonly limitsOf: (robotId: string) => OrderLimits | undefined,
    private readonly clock: Clock,
    private readonly source: StagedMissionSource = async () => undefined,
    private readonly resendAfterMs = 2_000,
  ) {}

  /**
   * What goes out when a mission is sent: the mission itself when it fits the robot's order (or is already a stage),
   * else its first stage, the rest remembered. A mission sent again starts again from its first stage.
   */
  first(mission: Mission): Mission {
    if (mission.part) return mission;
    const perOrder = nodesPerOrder(this.limitsOf(mission.robotId));
    const stages = orderStages(mission.nodes.length, perOrder);
    if (stages.length === 1) {
      if (this.routes.get(mission.robotId)?.mission.id === mission.id) this.routes.delete(mission.robotId);
      return mission;
    }
    this.routes.set(mission.robotId, { mission, perOrder: perOrder!, stages, sent: 0, sentAt: this.clock.now() });
    return missionStage(mission, stages, 0);
  }

  /** The robot's report as if it held the whole route: the stages not sent to it yet are still ahead of it. */
  async view(report: RobotReport): Promise<RobotReport> {
    const staged = await this.staged(report);
    if (!staged) return report;
    const held = heldStage(report, staged);
    const unsent = staged.mission.nodes.slice(staged.stages[held]!.to + 1);
    if (unsent.length === 0) return report;
    return {
      ...report,
      pendingNodes: [...(report.pendingNodes ?? []), ...unsent.map((node) => node.nodeId)],
      actions: [...(report.actions ?? []), ...unsent.flatMap((node) => node.actions.map((a) => ({ id: a.id, type: a.type, status: 'WAITING' as const })))],
    };
  }

  /**
   * The stage to send the robot now, after this report of it (as it came, not `view`'s): the one after the stage it
   * holds, once the nodes it has left and the new ones are no more than it takes in one order; undefined when none is
   * due. The caller sends it only while the order is still the robot's to run.
   */
  next(report: RobotReport): Mission | undefined {
    const staged = this.routes.get(report.robotId);
    if (!staged || !report.missionId || staged.mission.id !== report.missionId) return undefined;
    const held = heldStage(report, staged);
    if (held + 1 >= staged.stages.length) return undefined;
    const { from, to } = staged.stages[held + 1]!;
    if ((report.pendingNodes ?? []).length + (to - from) > staged.perOrder) return undefined;
    const now = this.clock.now();
    if (staged.sent === held + 1 && now - staged.sentAt < this.resendAfterMs) return undefined;
    staged.sent = held + 1;
    staged.sentAt = now;
    return missionStage(staged.mission, staged.stages, held + 1);
  }

  /** Whether the robot runs a route sent in stages (tests, diagnostics). */
  stagesOf(robotId: string): { readonly missionId: string; readonly stages: number; readonly sent: number } | undefined {
    const staged = this.routes.get(robotId);
    return staged && { missionId: staged.mission.id, stages: staged.stages.length, sent: staged.sent };
  }

  private async staged(report: RobotReport): Promise<Staged | undefined> {
    const missionId = report.missionId;
    if (!missionId) return undefined;
    const known = this.routes.get(report.robotId);
    if (known?.mission.id === missionId) return known;
    // not sent in stages by this process: after a restart, a task's route from the outbox (asked once per order)
    const perOrder = nodesPerOrder(this.limitsOf(report.robotId));
    if (perOrder === undefined || this.unknown.get(report.robotId) === missionId) return undefined;
    this.unknown.set(report.robotId, missionId);
    const mission = await this.source(missionId, report.robotId);
    const stages = mission ? orderStages(mission.nodes.length, perOrder) : [];
    if (!mission || stages.length === 1) return undefined;
    const staged: Staged = { mission, perOrder, stages, sent: 0, sentAt: -Infinity };
    staged.sent = heldStage(report, staged);
    this.routes.set(report.robotId, staged);
    this.unknown.delete(report.robotId);
    return staged;
  }
}

/** The stage the robot holds: the orderUpdateId it reports, within the stages there are. */
function heldStage(report: RobotReport, staged: Staged): number {
  const id = report.missionUpdateId ?? 0;
  return Number.isInteger(id) && id > 0 ? Math.min(id, staged.stages.length - 1) : 0;
}

/** The robot link with routes longer than a robot takes in one order sent in stages (OrderStaging.first). */
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
    return this.inner.sendInstant(robotId, command);
  }
}
