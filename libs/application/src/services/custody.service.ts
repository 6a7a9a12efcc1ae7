import type { Mutex } from 'async-mutex';
import {
  canRecord,
  custodyState,
  DomainError,
  DomainErrorCode,
  isHandoverOverdue,
  recordCustody,
  staffOfTriggerResult,
  takesInstant,
  transition,
  type Cause,
  type CustodyActor,
  type CustodyEntry,
  type CustodyStepKind,
  type CustodyVia,
  type Robot,
  type Task,
} from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { CustodyStore } from '../ports/custody-store.port';
import type { MissionStore } from '../ports/mission-store.port';
import type { Notifier } from '../ports/notifier.port';
import type { RobotLink, RobotReport } from '../ports/robot-link.port';
import type { StaffDirectory } from '../ports/staff-directory.port';
import type { TaskStore } from '../ports/task-store.port';
import { custodyLogId, isCustodyTask, isCustodyType, returnRounds, returnTaskId, triggerOf, type CustodyOptions, type CustodyTrigger } from './custody-missions';
import type { FleetRegistry } from './fleet-registry';
import type { LoadReturn } from './load-return';
import { belongsTo, parseMissionId } from './mission-factory';
import type { StaffIdentity } from './staff-roles';
import { takeOutOfServiceWithLoad } from './task-failover';

/** The person's step each of the robot's waits stands for. */
/** Tasks on hold read at a time when looking for missed handovers (all are read). */
const ON_HOLD_PAGE = 500;

const STEP_OF: Readonly<Record<CustodyTrigger, CustodyStepKind>> = { load: 'loaded', handover: 'received', return: 'returned' };

/** How often a release the robot has not acted on is sent again (instant actions go at QoS 0). */
const RELEASE_RESEND_MS = 2_000;

/**
 * Medication travels under custody: a nurse confirms the load at the pharmacy, the robot waits at the room (task
 * `on-hold`) until a nurse takes it, and a missed handover sends the load back. Each person's step is confirmed on
 * the robot (its `waitForTrigger` finishes naming the nurse) or on the dashboard (then the robot's wait is released);
 * each step goes into the custody log. Robot reports come in under the task mutex (FleetService); REST calls and the
 * overdue check take it.
 */
export class CustodyService {
  /** When each robot began to wait at the pharmacy for a load (kept in memory: a restart gives it a fresh limit). */
  private readonly loadWaitSince = new Map<string, number>();
  /** When we last sent `releaseTrigger` for each wait (action id) the robot has not yet ended. */
  private readonly releasedAt = new Map<string, number>();

  constructor(
    private readonly tasks: TaskStore,
    private readonly custody: CustodyStore,
    private readonly missions: MissionStore,
    private readonly fleet: FleetRegistry,
    private readonly link: RobotLink,
    private readonly staff: StaffDirectory,
    private readonly returns: LoadReturn,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly mutex: Mutex,
    private readonly options: CustodyOptions,
  ) {}

  /** The custody log of a delivery (the return of its load included), oldest first. */
  async log(taskId: string): Promise<readonly CustodyEntry[]> {
    const task = await this.tasks.get(taskId);
    if (!task) throw new DomainError(DomainErrorCode.TaskNotFound, `task ${taskId} not found`, 'id');
    if (!isCustodyTask(task, this.options)) throw new DomainError(DomainErrorCode.CareInvalid, `task ${taskId} carries no medication`, 'id');
    return this.custody.list(custodyLogId(taskId));
  }

  /**
   * Why the task may not be cancelled now, if it may not: its medication is on a robot — loaded and not yet received
   * at the room, or on its way back to the pharmacy. A cancel would free the robot with the drawer full (and the next
   * job would drive the medication about); it must be received at the room, or go back when the handover is missed.
   */
  async cancelRefusal(task: Task): Promise<string | undefined> {
    if (!isCustodyTask(task, this.options)) return undefined;
    const state = custodyState(await this.custody.list(custodyLogId(task.id)));
    if (state !== 'in-transit' && state !== 'awaiting-handover' && state !== 'returning') return undefined;
    const where = task.robotId ? `robot ${task.robotId}` : 'a robot';
    return `task ${task.id} cannot be cancelled while its medication is on ${where} (custody: ${state}): a nurse receives it at the room, or it goes back to the pharmacy when the handover is missed`;
  }

  /** A nurse at the pharmacy confirms she put the medication in the robot's locked drawer. */
  confirmLoad(taskId: string, actor: StaffIdentity): Promise<readonly CustodyEntry[]> {
    return this.confirm(taskId, taskId, 'load', 'loaded', actor);
  }

  /** A nurse at the room confirms she took the medication (signed in on the dashboard). */
  confirmHandover(taskId: string, actor: StaffIdentity): Promise<readonly CustodyEntry[]> {
    return this.confirm(taskId, taskId, 'handover', 'received', actor);
  }

  /** A nurse at the pharmacy takes back a load whose handover was missed. */
  async confirmReturn(taskId: string, actor: StaffIdentity): Promise<readonly CustodyEntry[]> {
    // the return of its last missed handover (LoadReturn numbers them)
    return this.confirm(taskId, returnTaskId(taskId, returnRounds(await this.custody.list(taskId))), 'return', 'returned', actor);
  }

  /** Reads a robot's custody waits from its report: arrival at the room, and confirmations made on the robot. */
  async onReport(robot: Robot, report: RobotReport): Promise<void> {
    const task = robot.currentTaskId && robot.missionId ? await this.tasks.get(robot.currentTaskId) : undefined;
    if (!task || !isCustodyTask(task, this.options) || task.robotId !== robot.id) return this.openedAfterCancel(robot, report);
    const mission = await this.missions.forTask(task.id);
    if (!mission || mission.id !== robot.missionId) return;
    for (const action of report.actions ?? []) {
      if (action.type !== 'waitForTrigger' || !belongsTo(action.id, mission.id)) continue;
      const trigger = triggerOf(mission, action.id);
      if (trigger && (action.status === 'RUNNING' || action.status === 'FINISHED')) {
        await this.onTrigger(task.id, robot, trigger, action.status === 'FINISHED' ? action.result ?? '' : undefined);
      }
      if (trigger && action.status === 'RUNNING') await this.releaseAgainIfLost(task.id, robot, trigger, action.id);
      else this.releasedAt.delete(action.id);
    }
  }

  /**
   * A delivery cancelled while its robot waited at the pharmacy, and the robot opened for it all the same (the nurse's
   * confirmation on the robot crossed the cancel): the robot may now carry medication no task accounts for. It is taken
   * out of service, once, and the ward alerted with who opened it, so that someone takes the load out.
   */
  private async openedAfterCancel(robot: Robot, report: RobotReport): Promise<void> {
    const orderId = report.missionId;
    const ref = orderId ? parseMissionId(orderId) : undefined;
    if (!orderId || ref?.kind !== 'task' || robot.currentTaskId === ref.taskId) return;
    const opened = (report.actions ?? []).find((a) => a.type === 'waitForTrigger' && a.status === 'FINISHED' && a.result && belongsTo(a.id, orderId));
    if (!opened || this.openedSeen.has(opened.id)) return;
    const task = await this.tasks.get(ref.taskId);
    if (!task || !isCustodyTask(task, this.options) || task.status !== 'cancelled') return;
    // only a wait for the load: with the medication on its way or handed over, the cancel was refused or it is not here
    const state = custodyState(await this.custody.list(custodyLogId(task.id)));
    if (state !== 'awaiting-load' && state !== 'returned') return;
    this.openedSeen.add(opened.id);
    await takeOutOfServiceWithLoad(this.fleet, this.notifier, robot.id, task, this.clock.now(), {
      id: `custody-opened-after-cancel-${task.id}-${robot.id}`,
      message: (name) => `Robot ${name} was opened for ${task.type} ${task.id} after the task was cancelled (${opened.result}): it may carry the medication. It was taken out of service; take the load out, then put it back in service.`,
    });
  }

  /** Waits seen opened after their delivery was cancelled (openedAfterCancel acts once for each). */
  private readonly openedSeen = new Set<string>();

  /**
   * A wait a nurse confirmed on the dashboard that the robot still reports RUNNING: our `releaseTrigger` never reached
   * it (QoS 0 while the broker was down, or the api died between recording the step and sending it). Without this the
   * robot would wait there for ever with the step recorded as done. Sent again, at most every RELEASE_RESEND_MS.
   */
  private async releaseAgainIfLost(taskId: string, robot: Robot, trigger: CustodyTrigger, actionId: string): Promise<void> {
    const last = (await this.custody.list(custodyLogId(taskId))).at(-1);
    if (!last || last.step !== STEP_OF[trigger] || last.robotId !== robot.id || last.via !== 'dashboard') return;
    const now = this.clock.now();
    const sentAt = this.releasedAt.get(actionId);
    if (sentAt !== undefined && now - sentAt < RELEASE_RESEND_MS) return;
    if (this.releasedAt.size > 10_000) this.releasedAt.clear();
    this.releasedAt.set(actionId, now);
    // Not sent now (the link is down): the robot's next report brings us back here.
    await this.link.sendInstant(robot.id, { kind: 'releaseTrigger', actionId }).catch(() => undefined);
  }

  /**
   * Every delivery waiting at its room longer than the limit: escalated to the ward, its load sent back. A robot
   * nobody loaded at the pharmacy within the same limit is let go, and its delivery goes to the ward too.
   */
  async checkOverdue(): Promise<number> {
    return this.mutex.runExclusive(async () => {
      const unloaded = await this.releaseUnloaded();
      // every task on hold, page by page, filtered here: a custody type is matched without regard to case (isCustodyType)
      const onHold: Task[] = [];
      for (let offset = 0; ; offset += ON_HOLD_PAGE) {
        const page = await this.tasks.query({ status: ['on-hold'], limit: ON_HOLD_PAGE, offset });
        onHold.push(...page.items);
        if (page.items.length < ON_HOLD_PAGE) break;
      }
      let missed = 0;
      for (const task of onHold) {
        if (!isCustodyType(task.type, this.options)) continue;
        const entries = await this.custody.list(task.id);
        if (!task.robotId || !isHandoverOverdue(entries, this.options.handoverTimeoutMs, this.clock.now())) continue;
        if (await this.returns.missed(task, `no nurse took it within ${Math.round(this.options.handoverTimeoutMs / 60_000)} min`)) missed += 1;
      }
      return missed + unloaded;
    });
  }

  private async releaseUnloaded(): Promise<number> {
    let released = 0;
    for (const [taskId, since] of [...this.loadWaitSince]) {
      if (this.clock.now() - since < this.options.handoverTimeoutMs) continue;
      this.loadWaitSince.delete(taskId);
      const task = await this.tasks.get(taskId);
      const waiting = task?.robotId && (task.status === 'accepted' || task.status === 'in-progress') && canRecord(custodyState(await this.custody.list(taskId)), 'loaded');
      if (!task || !waiting || task.spec.kind !== 'transport') continue;
      await this.returns.notLoaded(task, `nobody loaded it at ${task.spec.from} within ${Math.round(this.options.handoverTimeoutMs / 60_000)} min`);
      released += 1;
    }
    return released;
  }

  private async confirm(taskId: string, carrierId: string, trigger: CustodyTrigger, step: CustodyStepKind, actor: StaffIdentity): Promise<readonly CustodyEntry[]> {
    return this.mutex.runExclusive(async () => {
      const delivery = await this.tasks.get(taskId);
      if (!delivery || !isCustodyType(delivery.type, this.options)) {
        throw new DomainError(delivery ? DomainErrorCode.CareInvalid : DomainErrorCode.TaskNotFound, `task ${taskId} is no medication delivery`, 'id');
      }
      const carrier = carrierId === taskId ? delivery : await this.tasks.get(carrierId);
      const robot = carrier?.robotId ? this.fleet.get(carrier.robotId) : undefined;
      const mission = carrier ? await this.missions.forTask(carrier.id) : undefined;
      const wait = mission?.nodes.flatMap((n) => n.actions.map((a) => ({ node: n.nodeId, id: a.id }))).find((a) => triggerOf(mission, a.id) === trigger);
      if (!carrier || !robot || !wait || robot.lastNodeId !== wait.node) {
        throw new DomainError(DomainErrorCode.CareConflict, `no robot waits with the medication of task ${taskId} for this step`, 'robot');
      }
      // The dashboard releases the robot with the vendor action releaseTrigger. A vehicle whose factsheet does not list
      // it would refuse it and stay shut while the log said "loaded": nothing is recorded, the nurse confirms on it.
      if (!takesInstant(robot, 'releaseTrigger')) {
        throw new DomainError(
          DomainErrorCode.CareConflict,
          `robot ${robot.name} cannot be released from the dashboard (its factsheet does not list releaseTrigger as an instant action): confirm on the robot itself`,
          'robot',
        );
      }
      await this.record(delivery, step, { node: wait.node, via: 'dashboard', robot, actor: { staffId: actor.id, role: actor.role } });
      this.releasedAt.set(wait.id, this.clock.now());
      await this.link.sendInstant(robot.id, { kind: 'releaseTrigger', actionId: wait.id });
      return this.custody.list(taskId);
    });
  }

  private async onTrigger(taskId: string, robot: Robot, trigger: CustodyTrigger, result: string | undefined): Promise<void> {
    const deliveryId = custodyLogId(taskId);
    let delivery = await this.tasks.get(deliveryId);
    if (!delivery) return;
    const state = custodyState(await this.custody.list(deliveryId));
    const node = robot.lastNodeId ?? '';
    // (the task as this step left it: the report may carry the arrival and the nurse's confirmation together)
    if (trigger === 'handover' && state === 'in-transit') delivery = await this.record(delivery, 'arrived', { node, via: 'robot', robot });
    const step = STEP_OF[trigger];
    if (trigger === 'load' && canRecord(state, step) && !this.loadWaitSince.has(deliveryId)) this.loadWaitSince.set(deliveryId, this.clock.now());
    if (result === undefined) return;
    // Confirmed on the dashboard already, or a repeated report: nothing new.
    if (!canRecord(custodyState(await this.custody.list(deliveryId)), step)) return;
    const actor = await this.nurseOnRobot(result);
    if (!actor) return this.refuse(delivery, robot, trigger, result);
    await this.record(delivery, step, { node, via: 'robot', robot, actor });
  }

  /**
   * A step enters the log, and the task follows: on hold while the robot waits at the room, under way once taken.
   * Returns the task as it is after the step.
   */
  private async record(delivery: Task, step: CustodyStepKind, at: { node: string; via: CustodyVia; robot: Robot; actor?: CustodyActor }): Promise<Task> {
    const entries = await this.custody.list(delivery.id);
    const entry = recordCustody(entries, step, { taskId: delivery.id, now: this.clock.now(), nodeId: at.node, via: at.via, actor: at.actor, robotId: at.robot.id });
    await this.custody.append(entry);
    if (step === 'loaded') this.loadWaitSince.delete(delivery.id);
    if (step === 'arrived' && (delivery.status === 'in-progress' || delivery.status === 'accepted')) {
      return this.move(delivery, 'on-hold', { kind: 'robot', id: at.robot.id, reason: 'waiting at the room for a nurse to take the medication' });
    }
    if (step === 'received' && delivery.status === 'on-hold') {
      return this.move(delivery, 'in-progress', { kind: 'staff', id: at.actor?.staffId, reason: `medication handed over to a nurse (${at.via})` });
    }
    return delivery;
  }

  private async move(task: Task, to: 'on-hold' | 'in-progress', cause: Cause): Promise<Task> {
    const { task: next, event } = transition(task, to, { now: this.clock.now(), cause });
    await this.tasks.save(next, [event], task.updatedAt);
    this.notifier.taskChanged(next, event);
    return next;
  }

  private async nurseOnRobot(result: string): Promise<CustodyActor | undefined> {
    const staffId = staffOfTriggerResult(result);
    const member = staffId ? await this.staff.get(staffId) : undefined;
    return member?.role === 'nurse' ? { staffId: member.id, role: member.role } : undefined;
  }

  /**
   * The robot let someone open it who is not a nurse we know: nothing is recorded as given. At the room the load
   * goes back as after a missed handover; elsewhere the order is cancelled before the drawer opens, and the fleet's
   * failover takes the task on.
   */
  private async refuse(delivery: Task, robot: Robot, trigger: CustodyTrigger, result: string): Promise<void> {
    const now = this.clock.now();
    this.notifier.alert({
      // one alert per opening: the robot's states repeat the finished wait until it stops
      id: `custody-refused-${delivery.id}-${trigger}-${robot.id}-${result}`,
      at: now,
      kind: 'robot-error',
      severity: 'warning',
      taskId: delivery.id,
      robotId: robot.id,
      wardId: delivery.wardId,
      message: `Robot ${robot.name} was opened for ${delivery.type} ${delivery.id} by someone who is not a nurse (${result || 'nobody named'}); nothing was recorded as given.`,
    });
    if (trigger === 'handover' && delivery.status === 'on-hold') {
      await this.returns.missed(delivery, 'the robot was opened without a nurse');
      return;
    }
    if (robot.missionId) await this.link.sendInstant(robot.id, { kind: 'cancel' });
  }
}
