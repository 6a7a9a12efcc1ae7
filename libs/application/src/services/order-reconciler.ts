import type { Robot, Task } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { MissionStore } from '../ports/mission-store.port';
import { isInstantActionId, type Mission, type RobotLink, type RobotReport } from '../ports/robot-link.port';
import type { TaskStore } from '../ports/task-store.port';
import type { FleetRegistry } from './fleet-registry';
import { belongsTo, keepsMission, parseMissionId, taskMissionId, type MissionFactory } from './mission-factory';
import type { MissionSender } from './mission-sender';

const UNFINISHED = new Set(['WAITING', 'INITIALIZING', 'RUNNING', 'PAUSED']);

/** Errors with which a vehicle answers an order it does not take (VDA 5050 §6.6.4; noRouteError is a vendor's). */
export const ORDER_REJECTIONS: ReadonlySet<string> = new Set(['validationError', 'orderError', 'orderUpdateError', 'noRouteError']);

/** A vehicle's error as staff read it in a reason: its type, and its description when it has one. */
export function errorText(error: { readonly type: string; readonly description?: string }): string {
  return error.description ? `${error.type}: ${error.description}` : error.type;
}

/** The robot still works on the order it reports: nodes left, driving, or some action of that order not ended. */
export function runsOrder(report: RobotReport): boolean {
  const orderId = report.missionId;
  if (!orderId) return false;
  if ((report.pendingNodes ?? []).length > 0 || report.driving === true) return true;
  return (report.actions ?? []).some((a) => belongsTo(a.id, orderId) && UNFINISHED.has(a.status));
}

/** What an order error that names nothing is weighed against (see `rejects`). */
export interface OrderInFlight {
  /** When the order first went out, while the robot has not echoed it (MissionSender.sentAt). */
  readonly sentAt: number | undefined;
  /** The errors of the robot's state before this one. */
  readonly earlierErrors: readonly { readonly type: string; readonly description?: string }[];
}

/**
 * Whether the robot's state turns down our order `orderId`. A vehicle names what it refuses as it likes (VDA 5050
 * §6.6.4, §7.1): the orderId, the order message (headerId, which the link turns into the orderId), or an action of
 * the order (its actionId, which carries the orderId: `belongsTo`). Some name nothing at all: such an error is an
 * answer to the order only while the order waits for its echo (`inFlight`), in a state heard after it went out and not
 * showing it, and only if the state before did not have it — a validationError stands until a new order is taken
 * (§6.6.4.1), so one from an order before is not this order's.
 */
export function rejects(report: RobotReport, orderId: string, inFlight?: OrderInFlight): boolean {
  return (report.errors ?? []).some((error) => {
    if (!ORDER_REJECTIONS.has(error.type)) return false;
    const references = error.references ?? [];
    if (references.some((ref) => ref === orderId || belongsTo(ref, orderId))) return true;
    // naming only what is wrong in it — a node, an edge, a field (§6.6.4.2: "the wrong fields as error references") —
    // it is weighed as one that names nothing; naming another order, one of our instant actions, or a message of
    // another topic (a refused instantActions message: §7.1 `topic`), it is that one's
    if (references.some((ref) => namesAnOrder(ref) || isInstantActionId(ref) || OTHER_TOPICS.has(ref))) return false;
    return inFlight !== undefined && answersUnnamed(report, orderId, error, inFlight);
  });
}

/** The topics an error reference may name (§7.1 `topic`) that are not the order's. */
const OTHER_TOPICS: ReadonlySet<string> = new Set(['instantActions', 'state', 'connection', 'factsheet', 'visualization']);

/** An order id of ours (a task's, a charge or park trip's), or the id of one of its actions or edges. */
function namesAnOrder(reference: string): boolean {
  const slash = reference.indexOf('/');
  return parseMissionId(slash < 0 ? reference : reference.slice(0, slash)) !== undefined;
}

function answersUnnamed(report: RobotReport, orderId: string, error: { type: string; description?: string }, inFlight: OrderInFlight): boolean {
  const { sentAt, earlierErrors } = inFlight;
  // a state heard no later than the send was on its way before the robot could have read the order
  if (sentAt === undefined || report.at <= sentAt || report.missionId === orderId) return false;
  return !earlierErrors.some((e) => e.type === error.type && e.description === error.description);
}

export interface Reconciliation {
  /** The robot as it stands now (bound to the order it runs, or busy with a stale one being cancelled). */
  readonly robot: Robot;
  /** A task the robot had confirmed and no longer has (it restarted, or lost the order): its attempt is over. */
  readonly dropped?: Task;
}

/**
 * Compares the order a robot reports (orderId, node and action states) with what we expect of it, on every state,
 * in the task mutex, before progress is read. This is how nothing is lost or done twice across crashes, outages and
 * robots that come back:
 * - the robot runs the order we expect → nothing to do (progress tracking takes over);
 * - it runs an order that is still ours for it (a task it holds, its own charge trip) → adopt it, never resend;
 * - it runs any other order (a task taken off it, a cancelled one, another master's) → cancelOrder, resent every
 *   `cancelEveryMs` while it runs, and the robot counts as busy until it stops;
 * - we expect an order it does not have and it is free → an accepted task's order was decided but never arrived
 *   (crash, outage): send it, from the outbox; a task it had confirmed is reported as dropped.
 * A robot held after a restart or a comeback is released here, and what was held for it is sent.
 */
export class OrderReconciler {
  private readonly cancelSentAt = new Map<string, number>();

  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly link: RobotLink,
    private readonly sender: MissionSender,
    private readonly clock: Clock,
    private readonly onError: (error: Error) => void,
    /** The order decided for an accepted task (see `decidedMissions`); without it such a task is given up and re-queued. */
    private readonly decided: (task: Task, robot: Robot) => Promise<Mission | undefined> = async () => undefined,
    private readonly cancelEveryMs = 5_000,
  ) {}

  async reconcile(robot: Robot, report: RobotReport): Promise<Reconciliation> {
    if (this.fleet.isHeld(robot.id)) {
      this.fleet.reconciled(robot.id);
      // Orders held while it (or the broker) was away go out first; those still pending are not sent twice below.
      await this.sender.flush(robot.id);
    }
    const reported = report.missionId || undefined;
    const expected = robot.missionId;
    let result: Reconciliation = { robot };
    if (reported && runsOrder(report) && (reported !== expected || this.cancelSentAt.has(this.key(robot.id, reported)))) {
      result = { robot: await this.runningOther(robot, reported) };
    } else if (expected && reported !== expected && !runsOrder(report) && !this.sender.isPending(expected) && !rejects(report, expected) && this.fleet.pendingCancel(robot.id)?.missionId !== expected) {
      // (An order being cancelled is not sent again: FleetService.followCancel reads the robot's answer.)
      result = await this.missing(robot, expected);
    }
    if (reported && !runsOrder(report)) this.cancelSentAt.delete(this.key(robot.id, reported));
    return result;
  }

  /**
   * Takes back an order whose task staff cancelled: it is never sent again (MissionSender), and cancelOrder goes out
   * now and again every `cancelEveryMs` while the robot reports running it (`reconcile`), the robot counting as busy
   * with it until it stops. A robot that never got it is freed by its next state.
   */
  async withdraw(robotId: string, orderId: string): Promise<void> {
    this.sender.settle(orderId);
    // cancelOrder names no order: sent only while the robot is known to hold this one (else it would stop another)
    if (this.fleet.get(robotId)?.missionId === orderId) await this.cancel(robotId, orderId);
  }

  /** Whether cancelOrder went out for this order of the robot (it is being called off, not to be extended). */
  callingOff(robotId: string, orderId: string): boolean {
    return this.cancelSentAt.has(this.key(robotId, orderId));
  }

  /** Sends cancelOrder for an order the robot must not go on with (at most every `cancelEveryMs` per order). */
  async cancel(robotId: string, orderId: string): Promise<void> {
    const key = this.key(robotId, orderId);
    const now = this.clock.now();
    const last = this.cancelSentAt.get(key);
    if (last !== undefined && now - last < this.cancelEveryMs) return;
    this.cancelSentAt.set(key, now);
    await this.link.sendInstant(robotId, { kind: 'cancel' }).catch(this.onError);
  }

  private async runningOther(robot: Robot, orderId: string): Promise<Robot> {
    const ref = parseMissionId(orderId);
    const now = this.clock.now();
    if (!this.cancelSentAt.has(this.key(robot.id, orderId))) {
      if ((ref?.kind === 'charge' || ref?.kind === 'park') && ref.robotId === robot.id && !robot.currentTaskId) {
        return (await this.fleet.update(robot.id, (r) => ({ ...r, missionId: orderId }), now)) ?? robot;
      }
      const task = ref?.kind === 'task' ? await this.store.get(ref.taskId) : undefined;
      if (task && this.stillHeldBy(task, robot, orderId)) {
        return (await this.fleet.update(robot.id, (r) => ({ ...r, currentTaskId: task.id, missionId: orderId }), now)) ?? robot;
      }
    }
    await this.cancel(robot.id, orderId);
    // Busy until it stops: an order it is still driving would make it refuse a new one.
    if (robot.missionId) return robot;
    return (await this.fleet.update(robot.id, (r) => ({ ...r, missionId: orderId, currentTaskId: undefined }), now)) ?? robot;
  }

  private async missing(robot: Robot, expected: string): Promise<Reconciliation> {
    const ref = parseMissionId(expected);
    const task = ref?.kind === 'task' && robot.currentTaskId === ref.taskId ? await this.store.get(ref.taskId) : undefined;
    if (task && this.stillHeldBy(task, robot, expected)) {
      const mission = task.status === 'accepted' ? await this.decided(task, robot) : undefined;
      if (!mission) return { robot, dropped: task };
      await this.sender.send(mission);
      return { robot };
    }
    const cleared = await this.fleet.update(
      robot.id,
      (r) => ({ ...r, missionId: undefined, currentTaskId: r.currentTaskId === task?.id ? undefined : r.currentTaskId }),
      this.clock.now(),
    );
    // a cancel sent for an order the robot never had is over too (the map would keep it for ever)
    this.cancelSentAt.delete(this.key(robot.id, expected));
    return { robot: cleared ?? robot };
  }

  private stillHeldBy(task: Task, robot: Robot, orderId: string): boolean {
    return keepsMission(task) && task.robotId === robot.id && taskMissionId(task) === orderId;
  }

  private key(robotId: string, orderId: string): string {
    return `${robotId}\n${orderId}`;
  }
}

/**
 * What was decided for an accepted task: its mission from the outbox, or — when the robot no longer stands where that
 * mission starts — the same order (same orderId) rebuilt from where it stands, written to the outbox in place of the
 * first before it goes out (a second restart reads the route the robot was given: OrderStaging.recover).
 */
export function decidedMissions(missions: MissionStore, factory: MissionFactory): (task: Task, robot: Robot) => Promise<Mission | undefined> {
  return async (task, robot) => {
    const stored = await missions.forTask(task.id);
    if (stored && stored.id === taskMissionId(task) && stored.robotId === robot.id && stored.nodes[0]?.nodeId === robot.lastNodeId) return stored;
    const rebuilt = factory.forTask(task, robot);
    await missions.replace(rebuilt);
    return rebuilt;
  };
}
