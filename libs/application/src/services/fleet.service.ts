import type { Mutex } from 'async-mutex';
import {
  DomainError,
  DomainErrorCode,
  isOperational,
  isSettling,
  knowsScopes,
  robotId as makeRobotId,
  transition,
  type ConnectionState,
  type Facility,
  type OrderLimits,
  type Robot,
  type Task,
} from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { RobotLink, RobotReport } from '../ports/robot-link.port';
import type { TaskStore } from '../ports/task-store.port';
import { cancelActionId, type FleetRegistry, type PendingCancel, type RobotRegistration } from './fleet-registry';
import { belongsTo, isTemporaryNodeId, keepsMission, NODE_DEVIATION_M, parseMissionId } from './mission-factory';
import type { MissionSender } from './mission-sender';
import { errorText, OrderReconciler, rejects, runsOrder } from './order-reconciler';
import { OrderStaging } from './order-staging';
import { LateCompletion } from './late-completion';
import { FailWithAlert, TaskFailover } from './task-failover';
import type { DispatchTrigger } from './task.service';

export interface FleetOptions {
  /** A robot not registered over REST joins on its first valid message. */
  readonly autoRegister: boolean;
  /** How many robots may try a task; used when no failover is given (default 3). */
  readonly maxAttempts?: number;
  /** How often to ask again for a factsheet that did not come. */
  readonly factsheetRetryMs: number;
  /**
   * The building, to place a robot that reports its position but no lastNodeId (VDA 5050 allows "") on the node it
   * stands on; without it such a robot has no node until it names one, and gets no work.
   */
  readonly facility?: Facility;
}

export interface FactsheetInfo {
  /** Action types declared with scope NODE: what an order may carry on the robot's nodes. */
  readonly actions: readonly string[];
  /** Action types declared with scope INSTANT. */
  readonly instantActions: readonly string[];
  readonly model?: string;
  readonly speed?: number;
  /** Its `protocolLimits` as they bind an order; undefined when the factsheet has none (what was known stands). */
  readonly orderLimits?: OrderLimits;
}

/**
 * What a state says of one of our orders. `dropped`: the vehicle reports the order with no node left and none of its
 * actions — it cleared the order (VDA 5050 §6.10.6: entering MANUAL mode "clears all the orders"; a restart can do the
 * same), since a vehicle keeps an order's action states "until a new order is received" (§6.10.9).
 */
type MissionOutcome = 'pending' | 'running' | 'done' | 'failed' | 'rejected' | 'dropped';

/** The longest wait between two factsheet requests to a robot that has sent none. */
const FACTSHEET_RETRY_MAX_MS = 3_600_000;

/** Reacts to what robots report: keeps the fleet picture and moves their tasks along. */
export class FleetService {
  private readonly factsheetAskedAt = new Map<string, { at: number; times: number }>();
  /** Robots whose factsheet came in this process (an empty one too: it is not asked for again). */
  private readonly factsheetHeard = new Set<string>();

  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly link: RobotLink,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly dispatch: DispatchTrigger,
    private readonly mutex: Mutex,
    private readonly sender: MissionSender,
    private readonly options: FleetOptions,
    // Defaults for callers that wire no staff queue and no outbox (benchmarks): a task that can go nowhere fails.
    private readonly failover = new TaskFailover(store, fleet, sender, new FailWithAlert(store, clock, notifier), clock, notifier, dispatch, { maxAttempts: options.maxAttempts ?? 3 }),
    private readonly reconciler = new OrderReconciler(store, fleet, link, sender, clock, () => undefined),
    /** Routes sent in stages to robots that take short orders (the link's, StagedRobotLink); none by default. */
    private readonly staging = new OrderStaging(() => undefined, clock),
  ) {
    this.late = new LateCompletion(store, fleet, reconciler, notifier, clock, dispatch, (id) => this.failover.succeeded(id));
  }

  /** A robot back from out of contact that finished, meanwhile, an order whose task went on without it. */
  private readonly late: LateCompletion;

  async register(registration: RobotRegistration): Promise<Robot> {
    const robot = await this.fleet.register(registration, this.clock.now());
    this.dispatch.request();
    return robot;
  }

  list(): Robot[] {
    return this.fleet.list();
  }

  get(id: string): Robot {
    const robot = this.fleet.get(id);
    if (!robot) throw new DomainError(DomainErrorCode.RobotNotFound, `robot ${id} not found`, 'id');
    return robot;
  }

  /** Returns false (and changes nothing) for a robot we do not know and may not register. */
  async onConnection(manufacturer: string, serialNumber: string, connection: ConnectionState): Promise<boolean> {
    const robot = await this.known(manufacturer, serialNumber);
    if (!robot) return false;
    const now = this.clock.now();
    await this.fleet.update(robot.id, (r) => ({ ...r, connection, lastSeenAt: now }), now);
    // Back (or new to us): no work until its first state shows which order it runs (see OrderReconciler).
    if (connection === 'ONLINE' && robot.connection !== 'ONLINE') this.fleet.holdUntilReconciled(robot.id);
    if (connection === 'ONLINE') await this.askForFactsheetIfMissing(robot.id, true);
    if (connection !== 'ONLINE' && robot.connection === 'ONLINE') {
      this.notifier.alert({
        id: `offline-${robot.id}-${now}`,
        at: now,
        kind: 'robot-offline',
        severity: 'warning',
        robotId: robot.id,
        message: `Robot ${robot.name} is ${connection === 'OFFLINE' ? 'offline' : 'unreachable'}.`,
      });
    }
    this.dispatch.request();
    return true;
  }

  async onFactsheet(manufacturer: string, serialNumber: string, info: FactsheetInfo): Promise<boolean> {
    const robot = await this.known(manufacturer, serialNumber);
    if (!robot) return false;
    this.factsheetHeard.add(robot.id);
    // Some VDA 5050 stacks publish an empty factsheet (no action for a node nor as an instant action): then what we
    // knew stands — the registration's actions, and no instant action held back unless an earlier factsheet said so.
    const declared = info.actions.length > 0 || info.instantActions.length > 0 ? { actions: [...new Set(info.actions)], instantActions: [...new Set(info.instantActions)] } : {};
    // A factsheet with no limit at all lifts the ones an earlier factsheet declared.
    const limits = info.orderLimits === undefined ? {} : { orderLimits: Object.keys(info.orderLimits).length > 0 ? info.orderLimits : undefined };
    const limitsBefore = JSON.stringify(robot.orderLimits);
    const updated = await this.fleet.update(
      robot.id,
      (r) => ({ ...r, ...declared, ...limits, model: info.model ?? r.model, speed: info.speed && info.speed > 0 ? info.speed : r.speed }),
      this.clock.now(),
    );
    if (updated && JSON.stringify(updated.orderLimits) !== limitsBefore) this.failover.mayFitAgain(robot.id);
    this.dispatch.request();
    return true;
  }

  /** A cancelled task's order taken back from its robot by this service's reconciler (OrderReconciler.withdraw). */
  withdraw(robotId: string, orderId: string): Promise<void> {
    return this.reconciler.withdraw(robotId, orderId);
  }

  async onState(manufacturer: string, serialNumber: string, state: RobotReport): Promise<boolean> {
    const robot = await this.known(manufacturer, serialNumber);
    if (!robot) return false;
    const report = state.robotId === robot.id ? state : { ...state, robotId: robot.id };
    await this.mutex.runExclusive(async () => {
      // a route sent in stages before a restart: its stages from the outbox
      await this.staging.recover(report);
      const before = this.fleet.get(robot.id);
      const wasHeld = this.fleet.isHeld(robot.id);
      let updated = await this.applyReport(robot.id, report);
      if (updated && before && updated.lastNodeId !== before.lastNodeId) this.failover.mayFitAgain(robot.id);
      if (updated) this.resumeCancel(updated, report);
      if (updated) updated = await this.reconcile(updated, report);
      const reported = report.missionId || undefined;
      if (updated && reported && reported !== updated.missionId && this.outcome(reported, report, false).outcome === 'done') {
        await this.late.finished(updated, reported, report, this.doubt(updated.id, reported));
        updated = this.fleet.get(updated.id);
      }
      if (updated?.missionId) {
        // Custody reads the robot's waits first: a handover confirmed on the robot takes its task off hold.
        await this.missionReportListener(updated, report);
        if (!(await this.followCancel(updated, report))) await this.trackMission(updated, report, before?.errors ?? []);
      }
      await this.sendNextStage(report);
      // A robot that stops charging, comes to rest after a cancel, is reconciled (or sends its first state) may be what a task needs.
      if (
        before &&
        updated &&
        (wasHeld || before.charging !== updated.charging || before.lastNodeId === undefined || (isSettling(before) && !isSettling(updated)) || isOperational(before) !== isOperational(updated))
      ) {
        this.dispatch.request();
      }
    });
    await this.askForFactsheetIfMissing(robot.id);
    return true;
  }

  /**
   * The next stage of a route sent in stages, once the robot is far enough along (OrderStaging.next), while the order
   * is still the one we expect it to run and it is not being taken off it (a preemption, a cancelOrder sent). A send
   * that fails is tried again at a later state (the stage counts as sent only for the resend interval).
   */
  private async sendNextStage(report: RobotReport): Promise<void> {
    const robot = this.fleet.get(report.robotId);
    if (!robot?.missionId || robot.missionId !== report.missionId || this.fleet.pendingCancel(robot.id) || this.reconciler.callingOff(robot.id, robot.missionId)) return;
    const stage = this.staging.next(report);
    if (stage) await this.link.sendMission(stage).catch(() => undefined);
  }

  /** The broker went away: robots cannot be heard, so their silence proves nothing (see RobotWatchdog). */
  onLinkDown(): void {
    this.linkListeners.down();
  }

  /** The broker is back: every robot is reconciled again before new work, and what was decided meanwhile is sent. */
  async onLinkUp(): Promise<void> {
    await this.mutex.runExclusive(async () => {
      for (const robot of this.fleet.list()) this.fleet.holdUntilReconciled(robot.id);
      this.linkListeners.up();
      await this.sender.flush();
    });
  }

  /** Told about the link's ups and downs (the robot watchdog). */
  onLinkChange(listeners: { down(): void; up(): void }): void {
    this.linkListeners = listeners;
  }

  private linkListeners: { down(): void; up(): void } = { down: () => undefined, up: () => undefined };

  /** Told about each report of a robot on a mission, in the task mutex, before its progress is read (custody). */
  onMissionReport(listener: (robot: Robot, report: RobotReport) => Promise<void>): void {
    this.missionReportListener = listener;
  }

  private missionReportListener: (robot: Robot, report: RobotReport) => Promise<void> = async () => undefined;

  private async reconcile(robot: Robot, report: RobotReport): Promise<Robot | undefined> {
    const { robot: reconciled, dropped } = await this.reconciler.reconcile(robot, report);
    if (!dropped) return reconciled;
    await this.failover.endAttempt(dropped, robot.id, { reason: `robot ${robot.name} no longer has order ${robot.missionId} (it reports ${report.missionId || 'none'})` });
    return this.fleet.get(robot.id);
  }

  /**
   * A robot whose factsheet never arrived (lost, or never sent) is asked again: after `factsheetRetryMs`, then twice as
   * long each time up to an hour (a vehicle that does not support factsheetRequest would otherwise log an error for every
   * state); a new session (ONLINE) asks at once and starts the count again. A robot registered with its actions is asked
   * too: its factsheet also says how long an order it takes (protocolLimits) and which instant actions it has. One whose
   * factsheet is stored already (its scopes known) is asked once in a process and in each new session, not again: what
   * the link keeps of it in memory only (the blocking types each action takes) is read again after a restart.
   */
  private async askForFactsheetIfMissing(id: string, newSession = false): Promise<void> {
    const robot = this.fleet.get(id);
    if (!robot || this.factsheetHeard.has(id)) return;
    if (knowsScopes(robot) && !newSession && this.factsheetAskedAt.has(id)) return;
    const now = this.clock.now();
    const last = newSession ? undefined : this.factsheetAskedAt.get(id);
    if (last !== undefined && now - last.at < Math.min(this.options.factsheetRetryMs * 2 ** (last.times - 1), FACTSHEET_RETRY_MAX_MS)) return;
    this.factsheetAskedAt.set(id, { at: now, times: (last?.times ?? 0) + 1 });
    await this.link.sendInstant(id, { kind: 'factsheet' });
  }

  private async known(manufacturer: string, serialNumber: string): Promise<Robot | undefined> {
    const existing = this.fleet.get(makeRobotId(manufacturer, serialNumber));
    if (existing || !this.options.autoRegister) return existing;
    return this.fleet.register({ manufacturer, serialNumber }, this.clock.now());
  }

  private applyReport(id: string, report: RobotReport): Promise<Robot | undefined> {
    const now = this.clock.now();
    return this.fleet.update(
      id,
      (r) => ({
        ...r,
        // A robot that reports is online, whatever an older connection message said (or our silence watch decided).
        connection: 'ONLINE',
        // no pose in the report: the last one stands; a robot that lost its position has none
        pose: report.pose === null ? undefined : (report.pose ?? r.pose),
        lastNodeId: this.namedNode(report.lastNodeId) || this.nodeUnder(report.pose) || r.lastNodeId,
        battery: report.battery ?? r.battery,
        charging: report.charging ?? r.charging,
        driving: report.driving ?? r.driving,
        paused: report.paused ?? r.paused,
        operatingMode: report.operatingMode ?? r.operatingMode,
        safetyStop: report.safetyStop ?? r.safetyStop,
        loaded: report.loaded ?? r.loaded,
        working: (report.actions ?? []).some((a) => a.status === 'RUNNING' || a.status === 'INITIALIZING'),
        errors: (report.errors ?? []).map(({ type, level, description }) => ({ type, level, description })),
        lastSeenAt: now,
      }),
      now,
    );
  }

  /**
   * The node a robot names as its last, unless it is the temporary node one of our orders began with (where it stood
   * between nodes): no node of the building — after a cancel the robot may still name it with no order of ours left.
   */
  private namedNode(nodeId: string | undefined): string | undefined {
    if (!nodeId) return undefined;
    return isTemporaryNodeId(nodeId) && !this.options.facility?.hasNode(nodeId) ? undefined : nodeId;
  }

  /** The node a reported pose stands on (within an order node's allowed deviation), when the building is known. */
  private nodeUnder(pose: RobotReport['pose']): string | undefined {
    return pose ? this.options.facility?.nodeAt(pose.floor, pose.x, pose.y, NODE_DEVIATION_M)?.id : undefined;
  }

  /** After a restart: a robot whose state names our cancel of the order it holds is being taken off that task. */
  private resumeCancel(robot: Robot, report: RobotReport): void {
    if (!robot.currentTaskId || !robot.missionId || this.fleet.pendingCancel(robot.id)) return;
    const actionId = cancelActionId(robot.missionId);
    if (!(report.actions ?? []).some((a) => a.id === actionId)) return;
    const reason = `preempted (order ${robot.missionId} cancelled)`;
    this.fleet.startCancel({ robotId: robot.id, taskId: robot.currentTaskId, missionId: robot.missionId, actionId, reason, sends: 1, lastSentAt: this.clock.now() });
  }

  /**
   * A robot taken off its task (DispatchService.preempt) keeps it until it confirms the cancel: the cancelOrder action
   * ended (it stands), or the order gone or stopped → the task goes back to the queue, once. All
   * the task's work FINISHED (the cancel was lost or came late) → the task completes as any other (trackMission).
   * Returns true when the report was read here.
   */
  private async followCancel(robot: Robot, report: RobotReport): Promise<boolean> {
    const cancel = this.fleet.pendingCancel(robot.id);
    if (!cancel) return false;
    const task = await this.store.get(cancel.taskId);
    if (!task || !keepsMission(task) || task.robotId !== robot.id || robot.currentTaskId !== task.id || robot.missionId !== cancel.missionId) {
      this.fleet.endCancel(robot.id);
      return false;
    }
    const { outcome } = this.outcome(cancel.missionId, report, true);
    if (outcome === 'done') {
      this.fleet.endCancel(robot.id);
      return false;
    }
    const actions = report.actions ?? [];
    const action = actions.find((a) => a.id === cancel.actionId);
    const ended = action?.status === 'FINISHED' || action?.status === 'FAILED';
    const runs = report.missionId === cancel.missionId && runsOrder(report);
    if (ended || !runs) {
      await this.requeuePreempted(task, robot, cancel);
      return true;
    }
    // The robot has the cancel and is stopping (the order's actions fail by it): wait until it stands.
    if (action) return true;
    // A FATAL error before the cancel arrived: the robot could not finish, as for any task.
    if (outcome === 'failed') this.fleet.endCancel(robot.id);
    return false;
  }

  private async requeuePreempted(task: Task, robot: Robot, cancel: PendingCancel): Promise<void> {
    const now = this.clock.now();
    this.fleet.endCancel(robot.id);
    this.sender.settle(cancel.missionId);
    const { task: requeued, event } = transition(task, 'ready', { now, cause: { kind: 'system', id: 'dispatcher', reason: cancel.reason }, reason: cancel.reason });
    await this.store.save(requeued, [event], task.updatedAt);
    await this.fleet.update(robot.id, (r) => ({ ...r, currentTaskId: undefined, missionId: undefined }), now);
    this.notifier.taskChanged(requeued, event);
    this.dispatch.request();
  }

  /** `earlierErrors`: the robot's errors before this report, so that one it already had is not read as refusing the order. */
  private async trackMission(robot: Robot, report: RobotReport, earlierErrors: Robot['errors']): Promise<void> {
    const missionId = robot.missionId as string;
    // (a stale order it is being called off, with no task of it: not the robot's to finish, read on its word)
    const { outcome, reason } = this.outcome(missionId, report, robot.currentTaskId !== undefined, rejects(report, missionId, { sentAt: this.sender.sentAt(missionId), earlierErrors }));
    if (outcome !== 'pending') this.sender.settle(missionId);
    const task = robot.currentTaskId ? await this.store.get(robot.currentTaskId) : undefined;
    if (task && (task.status === 'accepted' || task.status === 'in-progress')) {
      await this.progressTask(task, robot, outcome, report, reason);
    } else if (task?.status === 'on-hold' && task.robotId === robot.id && outcome !== 'pending' && outcome !== 'running') {
      // waiting with it at the room for a person (custody), the robot ended the order — dropped it (manual mode),
      // failed, or finished it while nobody took the load: the task goes to staff, not freed with the robot
      await this.failover.endAttempt(task, robot.id, { reason: reason ?? (outcome === 'done' ? 'robot ended the order while it waited for a person to take the load' : failureReason(outcome, report)) });
    }
    // a trip to a charger it refused: not sent there again for a while (the next round would plan the same trip)
    if (outcome === 'rejected' && parseMissionId(missionId)?.kind === 'charge') this.dispatch.chargeRefused?.(missionId, reason ?? failureReason(outcome, report));
    if (outcome === 'done' || outcome === 'failed' || outcome === 'rejected' || outcome === 'dropped') {
      const freed = await this.fleet.update(robot.id, (r) => ({ ...r, missionId: undefined, currentTaskId: undefined }), this.clock.now());
      // a stale task order it was being called off (OrderReconciler) that it finished all the same: a late completion
      if (outcome === 'done' && !task && freed && parseMissionId(missionId)?.kind === 'task') await this.late.finished(freed, missionId, report, this.doubt(freed.id, missionId));
      this.dispatch.request();
    }
  }

  /**
   * What the state says of one of our orders (`missionOutcome`), as a route sent in stages reads (OrderStaging.judge);
   * `expected`: the order the robot is to run now; `reason`: why, when that is not the robot's own words.
   */
  private outcome(missionId: string, report: RobotReport, expected: boolean, rejected?: boolean): { readonly outcome: MissionOutcome; readonly reason?: string } {
    return this.staging.judge(missionId, report, missionOutcome(missionId, report, rejected), expected);
  }

  /** Why a finished order may not have been its whole task (LateCompletion leaves such a one to staff). */
  private doubt(robotId: string, missionId: string): string | undefined {
    if (!this.staging.uncertain(robotId, missionId)) return undefined;
    return 'its factsheet limits the nodes of an order, so that order may have gone out in stages, and this api restarted since: whether it was the whole task is not known.';
  }

  private async progressTask(task: Task, robot: Robot, outcome: MissionOutcome, report: RobotReport, reason?: string): Promise<void> {
    const cause = { kind: 'robot', id: robot.id } as const;
    const now = this.clock.now();
    if (outcome === 'pending') return;
    if (outcome === 'running' || outcome === 'done') {
      let current = task;
      const events = [];
      if (current.status === 'accepted') {
        const step = transition(current, 'in-progress', { now, cause, robotId: robot.id });
        current = step.task;
        events.push(step.event);
      }
      if (outcome === 'done') {
        const step = transition(current, 'completed', { now, cause, robotId: robot.id });
        current = step.task;
        events.push(step.event);
      }
      if (events.length === 0) return;
      await this.store.save(current, events, task.updatedAt);
      for (const event of events) this.notifier.taskChanged(current, event);
      if (outcome === 'done') this.failover.succeeded(robot.id);
      return;
    }
    // A failed action or FATAL error leaves the rest of the order running: stop it before the task goes on elsewhere.
    if (outcome === 'failed') await this.reconciler.cancel(robot.id, robot.missionId as string);
    await this.failover.endAttempt(task, robot.id, { reason: reason ?? failureReason(outcome, report) });
  }
}

/** `rejected`: whether the report turns the order down (`rejects`; by default only errors that name it). */
function missionOutcome(missionId: string, report: RobotReport, rejected = rejects(report, missionId)): MissionOutcome {
  if (report.missionId !== missionId) return rejected ? 'rejected' : 'pending';
  const actions = (report.actions ?? []).filter((a) => belongsTo(a.id, missionId));
  const routeDone = (report.pendingNodes ?? []).length === 0 && !report.driving;
  // The task's own work all FINISHED on a driven route is done, even when the localisation at an elevator exit failed
  // on the way: we may hear of that failure only now (after a crash or an outage), and re-queueing the task would do
  // the work twice. A failed pick, drop or visit action still fails the attempt.
  const work = actions.filter((a) => a.type !== 'initPosition');
  if (routeDone && work.length > 0 && work.every((a) => a.status === 'FINISHED')) return 'done';
  if (actions.some((a) => a.status === 'FAILED')) return 'failed';
  if ((report.errors ?? []).some((e) => e.level === 'FATAL')) return 'failed';
  // an order that carries actions (a task's, a charge trip's; not a park trip's) reported without any: not done
  if (actions.length === 0 && routeDone && parseMissionId(missionId)?.kind !== 'park') return 'dropped';
  const finished = actions.every((a) => a.status === 'FINISHED');
  return finished && routeDone ? 'done' : 'running';
}

function failureReason(outcome: MissionOutcome, report: RobotReport): string {
  if (outcome === 'dropped') return 'robot cleared the order: its state shows it with none of its actions (manual mode, or a restart)';
  const errors = (report.errors ?? []).map(errorText);
  const failedActions = (report.actions ?? []).filter((a) => a.status === 'FAILED').map((a) => `${a.type} failed${a.result ? ` (${a.result})` : ''}`);
  const detail = [...failedActions, ...errors].join('; ');
  return `${outcome === 'rejected' ? 'robot rejected the order' : 'robot could not finish'}${detail ? `: ${detail}` : ''}`;
}
