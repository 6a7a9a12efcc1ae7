import type { Mutex } from 'async-mutex';
import {
  canDo,
  DomainError,
  DomainErrorCode,
  forFleetDispatch,
  isOperational,
  isSettling,
  transition,
  type DispatchConfig,
  type Facility,
  type Robot,
  type Task,
} from '@opiekun/domain';
import type { Clock, TimerHandle } from '../ports/clock.port';
import type { DispatchPlanner, PlannedDecision } from '../ports/dispatch-planner.port';
import type { Notifier } from '../ports/notifier.port';
import type { Mission, RobotLink } from '../ports/robot-link.port';
import type { TaskStore } from '../ports/task-store.port';
import { cancelActionId, type FleetRegistry, type PendingCancel } from './fleet-registry';
import { MissionFactory } from './mission-factory';
import { DEFAULT_MISSION_SENDER_OPTIONS, type MissionSender, type MissionSenderOptions } from './mission-sender';
import { orderLimitProblem, type OrderLimitProblem } from './order-limits';
import type { TaskFailover } from './task-failover';

const SYSTEM = { kind: 'system', id: 'dispatcher' } as const;

/** How long a robot is not sent again to a charger it refused a trip to (the order refused, or over its limits). */
export const CHARGE_REFUSAL_HOLD_MS = 10 * 60_000;

/** Charge trips remembered by their order's id, to know which charger a refusal was of (far more than are ever under way). */
const REMEMBERED_CHARGE_TRIPS = 1_000;

/** How long a task must stay one no robot of the fleet can do before staff are alerted (see alertOnce). */
export const UNASSIGNABLE_ALERT_AFTER_MS = 60_000;

/**
 * Runs the dispatch policy over the current snapshot and commits its decisions: each assignment is stored
 * (task → accepted, robot → current task) before the order goes out.
 * Requests that arrive while a round runs are folded into one more round.
 */
export class DispatchService {
  private scheduled?: TimerHandle;
  private running = false;
  private again = false;
  private periodic?: TimerHandle;
  private resends?: TimerHandle;
  /** Tasks alerted as unassignable, while they are open. */
  private readonly alerted = new Set<string>();
  /** Since when each task has been unassignable, round after round (UNASSIGNABLE_ALERT_AFTER_MS). */
  private readonly unassignableSince = new Map<string, number>();
  private stopped = false;
  /** Robot and limit pairs staff were alerted about (overLimits): once each. */
  private readonly limitAlerted = new Set<string>();
  /** The charge trips sent, by their order's id: which robot to which charger (chargeRefused). */
  private readonly chargeTrips = new Map<string, { readonly robotId: string; readonly charger: string }>();
  /** Per robot, the chargers it refused a trip to and until when it is not sent there again (CHARGE_REFUSAL_HOLD_MS). */
  private readonly refusedChargers = new Map<string, Map<string, number>>();

  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly link: RobotLink,
    /** Plans each round (InlineDispatchPlanner, or the api's worker thread) with the policy and the refusal rule. */
    private readonly planner: DispatchPlanner,
    private readonly facility: Facility,
    private readonly config: DispatchConfig,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly mutex: Mutex,
    private readonly sender: MissionSender,
    private readonly onError: (error: Error) => void,
    private readonly missions = new MissionFactory(facility),
    /** Keeps robots off tasks they gave up, and takes over when a robot never confirms an order. */
    private readonly failover?: Pick<TaskFailover, 'avoids' | 'endAttempt' | 'forgetAllBut' | 'keepOff'>,
    /** How often and how many times an unconfirmed preemption cancel is sent (as orders: MissionSender). */
    private readonly cancelResend: MissionSenderOptions = DEFAULT_MISSION_SENDER_OPTIONS,
  ) {}

  /** Re-plans periodically too, so time-based conditions (earliest start, deadlines) are picked up. */
  start(periodMs = 5_000, resendCheckMs = 1_000): void {
    this.stopped = false;
    this.periodic = this.clock.setInterval(() => this.request(), periodMs);
    this.resends = this.clock.setInterval(() => void this.resendUnconfirmed().catch(this.onError), resendCheckMs);
    this.request();
  }

  /** No round starts after this (one under way finishes): requests still queued, e.g. by robot reports, are dropped. */
  stop(): void {
    this.stopped = true;
    this.periodic?.cancel();
    this.resends?.cancel();
    this.scheduled?.cancel();
    this.scheduled = undefined;
  }

  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = this.clock.setTimeout(() => {
      this.scheduled = undefined;
      this.runOnce().catch(this.onError);
    }, 0);
  }

  /** One planning round; exposed for tests and benchmarks. */
  async runOnce(): Promise<number> {
    this.running = true;
    try {
      return await this.mutex.runExclusive(() => this.plan());
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    }
  }

  private async plan(): Promise<number> {
    // Staff-queue tasks are not the fleet's; quiet hours hold back non-urgent tasks into resident rooms.
    const active = await this.store.active();
    const tasks = forFleetDispatch(active, this.facility, this.clock.now());
    // who gave up which task, and which were alerted as unassignable, is kept only while the task is open
    const open = new Set(active.map((t) => t.id));
    this.failover?.forgetAllBut(open);
    for (const id of this.alerted) if (!open.has(id)) this.alerted.delete(id);
    // The whole fleet: only a fleet-wide view tells that no robot can ever do a task; the policy skips offline robots.
    // A robot that came back (or all of them, after a restart) counts as offline until its state is reconciled.
    const robots = this.fleet.forDispatch();
    const decisions = await this.planner.plan({ now: this.clock.now(), robots, tasks: this.withMissionActions(tasks), config: this.config, refusedChargers: this.chargersRefused() });
    const byId = new Map(tasks.map((t) => [t.id, t]));
    let committed = 0;
    for (const decision of decisions) {
      if (await this.apply(decision, byId)) committed += 1;
    }
    // a task some robot can do again (one joined) starts its wait for the alert afresh
    const unassignable = new Set(decisions.filter((d) => d.kind === 'unassignable').map((d) => d.taskId));
    for (const id of this.unassignableSince.keys()) if (!unassignable.has(id)) this.unassignableSince.delete(id);
    return committed;
  }

  private async apply(decision: PlannedDecision, tasks: Map<string, Task>): Promise<boolean> {
    switch (decision.kind) {
      case 'assign':
        return this.assign(decision.taskId, decision.robotId, tasks);
      case 'charge':
        return this.charge(decision.robotId, decision.chargerNode);
      case 'park':
        return this.park(decision.robotId, decision.node);
      case 'preempt':
        return this.preempt(decision.robotId, decision.taskId, decision.forTaskId, tasks);
      case 'unassignable':
        this.alertOnce(decision.taskId, decision.reason);
        return false;
    }
  }

  private async assign(taskId: string, robotId: string, tasks: Map<string, Task>): Promise<boolean> {
    const task = tasks.get(taskId);
    const robot = this.fleet.get(robotId);
    if (!task || task.status !== 'ready' || !robot || !this.reachable(robot) || robot.currentTaskId || isSettling(robot) || this.failover?.avoids(taskId, robotId)) return false;
    if (robot.charging) {
      // VDA 5050: stopCharging exists "to send a new order"; a charging vehicle may refuse one. The task is planned
      // again once the robot reports that it stopped charging.
      await this.link.sendInstant(robotId, { kind: 'charge', start: false }).catch(this.onError);
      return false;
    }
    const now = this.clock.now();
    const { task: accepted, event } = transition(task, 'accepted', { now, cause: SYSTEM, robotId });
    const mission = this.missions.forTask(accepted, robot, now);
    const over = this.overLimits(robot, mission, `task ${task.id}`);
    if (over) {
      // kept off this task (the policy plans another robot for it in the next round); the task stays as it was
      if (this.failover) {
        this.failover.keepOff(taskId, robotId);
        this.request();
        this.alertIfNoneFits(task, over);
      }
      return false;
    }
    // The mission goes into the outbox in the assignment's transaction: after a crash it is known what was decided.
    await this.store.save(accepted, [event], task.updatedAt, mission);
    await this.fleet.update(robotId, (r) => ({ ...r, currentTaskId: taskId, missionId: mission.id }), now);
    this.notifier.taskChanged(accepted, event);
    await this.sender.send(mission);
    return true;
  }

  /**
   * The tasks as the policy must see them: needing the actions their missions add too (custody's waits), so that no
   * robot without them is chosen. Only the planner's copy: the stored task keeps what was asked.
   */
  private withMissionActions(tasks: readonly Task[]): Task[] {
    return tasks.map((task) => {
      const added = this.missions.addedActions(task).filter((a) => !task.requires.includes(a));
      return added.length === 0 ? task : { ...task, requires: [...task.requires, ...added] };
    });
  }

  /**
   * Whether the mission's order is over what the robot declared it can process (factsheet protocolLimits): it would
   * refuse it, so it is not sent. Staff are alerted once per robot and limit, with what to ask the vendor.
   */
  private overLimits(robot: Robot, mission: Mission, what: string): OrderLimitProblem | undefined {
    const over = orderLimitProblem(mission, robot.orderLimits, (stage) => this.link.orderBytes?.(stage));
    if (!over) return undefined;
    const key = `${robot.id}\u0000${over.limit}`;
    if (!this.limitAlerted.has(key)) {
      this.limitAlerted.add(key);
      const now = this.clock.now();
      this.notifier.alert({
        id: `robot-order-limit-${robot.id}-${now}`,
        at: now,
        kind: 'robot-order-limit',
        severity: 'warning',
        robotId: robot.id,
        ...(mission.taskId ? { taskId: mission.taskId } : {}),
        message: `Robot ${robot.name} cannot be sent ${what}: ${over.problem} (its factsheet, protocolLimits ${over.limit}). Work it cannot take within its limits goes to other robots or waits; the vendor can tell whether the limit can be raised.`,
      });
    }
    return over;
  }

  /**
   * Every robot of the fleet able to do the task is kept off it (or gave it up): no round will assign it, and the
   * policy does not call it unassignable (robots with the actions exist), so staff are told at once, once per task.
   */
  private alertIfNoneFits(task: Task, over: OrderLimitProblem): void {
    if (this.alerted.has(task.id) || this.fleet.list().some((r) => r.inService && canDo(r, task.requires) && !this.failover?.avoids(task.id, r.id))) return;
    this.alerted.add(task.id);
    this.notifier.alert({
      id: `unassignable-${task.id}`,
      at: this.clock.now(),
      kind: 'no-capable-robot',
      severity: 'warning',
      taskId: task.id,
      message: `No robot of the fleet can take task ${task.id} within what its orders may hold (last: ${over.problem}); it waits for a robot that can, or for a person.`,
    });
  }

  /**
   * Able to take an order as the robot is now — online, in a mode that takes orders, no emergency stop, in service
   * (isOperational) — and not held for reconciliation: the plan was made on a snapshot, and a robot that dropped off,
   * was switched to manual or came back (still running an old order) meanwhile would refuse the order or never get it.
   */
  private reachable(robot: Robot): boolean {
    return isOperational(robot) && !this.fleet.isHeld(robot.id);
  }

  private async charge(robotId: string, chargerNode: string): Promise<boolean> {
    const robot = this.fleet.get(robotId);
    // (a policy that plans a trip the robot refused lately anyway: not sent, as a task it gave up is not)
    if (!robot || !this.reachable(robot) || robot.currentTaskId || robot.missionId || this.chargersRefused().get(robotId)?.has(chargerNode)) return false;
    const now = this.clock.now();
    const mission = this.missions.toCharger(robot, chargerNode, now);
    if (this.overLimits(robot, mission, `the trip to charger ${chargerNode}`)) {
      this.holdOffCharger(robotId, chargerNode);
      return false;
    }
    await this.fleet.update(robotId, (r) => ({ ...r, missionId: mission.id }), now);
    this.chargeTrips.set(mission.id, { robotId, charger: chargerNode });
    if (this.chargeTrips.size > REMEMBERED_CHARGE_TRIPS) this.chargeTrips.delete(this.chargeTrips.keys().next().value!);
    await this.sender.send(mission);
    return true;
  }

  /**
   * The robot refused the order of a trip to a charger (its reason, when it gave one): it is not sent to that charger
   * again for CHARGE_REFUSAL_HOLD_MS — else every round would send it there once more and have it refused — and staff
   * hear of it once; the next round plans it another charger, or none.
   */
  chargeRefused(missionId: string, reason: string | undefined): void {
    const trip = this.chargeTrips.get(missionId);
    if (!trip) return;
    this.chargeTrips.delete(missionId);
    const robot = this.fleet.get(trip.robotId);
    if (!this.chargersRefused().get(trip.robotId)?.has(trip.charger)) {
      this.notifier.alert({
        id: `charge-refused-${trip.robotId}-${trip.charger}-${this.clock.now()}`,
        at: this.clock.now(),
        kind: 'robot-error',
        severity: 'warning',
        robotId: trip.robotId,
        message: `Robot ${robot?.name ?? trip.robotId} refused the trip to charger ${trip.charger}${reason ? ` (${reason})` : ''}; it is not sent there again for ${CHARGE_REFUSAL_HOLD_MS / 60_000} minutes.`,
      });
    }
    this.holdOffCharger(trip.robotId, trip.charger);
    this.request();
  }

  private holdOffCharger(robotId: string, charger: string): void {
    let held = this.refusedChargers.get(robotId);
    if (!held) this.refusedChargers.set(robotId, (held = new Map()));
    held.set(charger, this.clock.now() + CHARGE_REFUSAL_HOLD_MS);
  }

  /** Per robot, the chargers it is not sent to now (the holds still running; the others are forgotten). */
  private chargersRefused(): Map<string, Set<string>> {
    const now = this.clock.now();
    const refused = new Map<string, Set<string>>();
    for (const [robotId, held] of this.refusedChargers) {
      for (const [charger, until] of held) if (until <= now) held.delete(charger);
      if (held.size === 0) this.refusedChargers.delete(robotId);
      else refused.set(robotId, new Set(held.keys()));
    }
    return refused;
  }

  /** An idle robot drives to a waiting point (no action there); like a charge trip, it takes no order on the way. */
  private async park(robotId: string, node: string): Promise<boolean> {
    const robot = this.fleet.get(robotId);
    if (!robot || !this.reachable(robot) || robot.currentTaskId || robot.missionId || robot.charging || isSettling(robot) || robot.lastNodeId === node) return false;
    const now = this.clock.now();
    const mission = this.missions.toWaitingPoint(robot, node, now);
    if (this.overLimits(robot, mission, `the trip to waiting point ${node}`)) return false;
    await this.fleet.update(robotId, (r) => ({ ...r, missionId: mission.id }), now);
    await this.sender.send(mission);
    return true;
  }

  /**
   * Takes a robot off a task for a stat one: the robot's order is cancelled (VDA 5050 cancelOrder, an instant action
   * at QoS 0 that a broker outage may lose), and the task stays with the robot until it confirms — its state shows the
   * cancel ended, or the order gone or stopped (FleetService.followCancel re-queues the task then), or all the task's
   * work FINISHED (the cancel came too late: the task completes, never goes to another robot). Meanwhile the robot
   * takes no order and counts as settling for the policy; the cancel is resent while unconfirmed (bounded).
   */
  private async preempt(robotId: string, taskId: string, forTaskId: string, tasks: Map<string, Task>): Promise<boolean> {
    const task = tasks.get(taskId);
    const robot = this.fleet.get(robotId);
    if (!task || !robot || robot.currentTaskId !== taskId || (task.status !== 'accepted' && task.status !== 'in-progress')) return false;
    if (!robot.missionId || this.fleet.pendingCancel(robotId)) return false;
    // The order is not resent while it is being cancelled.
    this.sender.settle(robot.missionId);
    const cancel = { robotId, taskId, missionId: robot.missionId, actionId: cancelActionId(robot.missionId), reason: `preempted for stat task ${forTaskId}`, sends: 0, lastSentAt: 0 };
    this.fleet.startCancel(cancel);
    // it stops where it is: the rides its order booked will not happen
    this.missions.traffic.release(robotId);
    await this.sendCancel(cancel);
    return true;
  }

  /** Like an order (MissionSender), a cancel counts only when it could reach the robot: online, broker up. */
  private async sendCancel(cancel: PendingCancel): Promise<void> {
    cancel.lastSentAt = this.clock.now();
    if (this.fleet.get(cancel.robotId)?.connection !== 'ONLINE') return;
    try {
      await this.link.sendInstant(cancel.robotId, { kind: 'cancel', id: cancel.actionId });
      cancel.sends += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === DomainErrorCode.RobotLinkDown)) cancel.sends += 1;
      this.onError(error as Error);
    }
  }

  /**
   * Resends unconfirmed cancels, at most `maxSends` times (`cancelResend`); past that the task stays with the robot, which either
   * finishes it (completed) or stops (re-queued), or is lost (the robot watchdog's business) — never given out twice.
   */
  private async resendCancels(): Promise<void> {
    const now = this.clock.now();
    for (const cancel of this.fleet.pendingCancels()) {
      if (this.fleet.get(cancel.robotId)?.currentTaskId !== cancel.taskId) {
        this.fleet.endCancel(cancel.robotId);
      } else if (cancel.sends < this.cancelResend.maxSends && now - cancel.lastSentAt >= this.cancelResend.resendAfterMs) {
        await this.sendCancel(cancel);
      }
    }
  }

  /** Resends unconfirmed orders; a task whose order was never confirmed goes back to the queue. */
  async resendUnconfirmed(): Promise<void> {
    await this.mutex.runExclusive(async () => {
      for (const mission of await this.sender.resendDue()) await this.giveUp(mission.robotId, mission.id, mission.taskId);
      await this.resendCancels();
    });
  }

  private async giveUp(robotId: string, missionId: string, taskId: string | undefined): Promise<void> {
    const now = this.clock.now();
    // the rides of the order given up will not happen (not those of a newer order of the robot's)
    if (this.fleet.get(robotId)?.missionId === missionId) this.missions.traffic.release(robotId);
    await this.fleet.update(robotId, (r) => (r.missionId === missionId ? { ...r, missionId: undefined, currentTaskId: undefined } : r), now);
    const task = taskId ? await this.store.get(taskId) : undefined;
    if (task?.status === 'accepted' && task.robotId === robotId && this.failover) {
      await this.failover.endAttempt(task, robotId, { reason: `robot ${robotId} did not confirm order ${missionId}` });
    } else if (task?.status === 'accepted' && task.robotId === robotId) {
      const reason = `robot ${robotId} did not confirm order ${missionId}`;
      const { task: requeued, event } = transition(task, 'ready', { now, cause: { ...SYSTEM, reason }, reason });
      await this.store.save(requeued, [event], task.updatedAt);
      this.notifier.taskChanged(requeued, event);
    }
    this.request();
  }

  /**
   * Staff are alerted that no robot can do a task once it has stayed so for UNASSIGNABLE_ALERT_AFTER_MS: at a start the
   * fleet joins over the first seconds (a fresh database knows no robot yet), and an alert for every waiting task then
   * was false and stayed open.
   */
  private alertOnce(taskId: string, reason: string): void {
    if (this.alerted.has(taskId)) return;
    const now = this.clock.now();
    const since = this.unassignableSince.get(taskId) ?? now;
    this.unassignableSince.set(taskId, since);
    if (now - since < UNASSIGNABLE_ALERT_AFTER_MS) return;
    this.alerted.add(taskId);
    this.notifier.alert({
      id: `unassignable-${taskId}`,
      at: this.clock.now(),
      kind: 'no-capable-robot',
      severity: 'warning',
      taskId,
      message: `No robot can do task ${taskId} (${reason}); it waits for a person.`,
    });
  }
}
