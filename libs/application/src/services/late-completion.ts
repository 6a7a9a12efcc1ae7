import { transition, type Robot, type Task, type TaskEvent } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { RobotReport } from '../ports/robot-link.port';
import type { TaskStore } from '../ports/task-store.port';
import type { FleetRegistry } from './fleet-registry';
import { belongsTo, keepsMission, parseMissionId, taskMissionId } from './mission-factory';
import type { OrderReconciler } from './order-reconciler';
import type { DispatchTrigger } from './task.service';

/**
 * A robot out of contact longer than the grace has its task given to another robot (RobotWatchdog) — but it may have
 * driven on and finished the order meanwhile (a vehicle keeps running its order without master control, VDA 5050
 * §6.6). Its first state after it comes back then shows that old order with every action FINISHED. What was done is
 * not done again, when that is safe to decide here:
 * - the task still open (queued, or given to another robot that has nothing on board) is completed as done by the
 *   robot that came back, and the other robot's order is withdrawn (cancelOrder) and the robot freed;
 * - otherwise staff decide, with the alert: a task another robot completed as well (done twice), one cancelled or
 *   failed meanwhile (it was done all the same), one with staff or on hold, one staff handed on since, an order that
 *   waited for a person's confirmation (custody: the log needs those steps, and the other robot may hold the load),
 *   or another robot that may carry something (it reports a load, or does not say).
 * Staff are told in every case. Each finished old order is looked at once per robot (and after a restart, staff's
 * own steps in the task's history keep it theirs).
 */
export class LateCompletion {
  /** The last old order looked at, per robot (a robot reports its finished order until it gets a new one). */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly reconciler: Pick<OrderReconciler, 'withdraw'>,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly dispatch: DispatchTrigger,
    private readonly succeeded: (robotId: string) => void,
  ) {}

  /**
   * `orderId`: the order the robot reports finished, every action of it FINISHED and nothing left to drive (`report`,
   * the state that says so). `doubt`: why that order may not have been the whole task (left to staff, with it).
   */
  async finished(robot: Robot, orderId: string, report: RobotReport, doubt?: string): Promise<void> {
    const ref = parseMissionId(orderId);
    if (ref?.kind !== 'task' || robot.missionId === orderId || this.seen.get(robot.id) === orderId) return;
    this.seen.set(robot.id, orderId);
    const task = await this.store.get(ref.taskId);
    // unknown, a later attempt of this robot's own, or its own current order: not a late completion
    if (!task || ref.attempt > task.attempt || (keepsMission(task) && task.robotId === robot.id && taskMissionId(task) === orderId)) return;
    if (task.status === 'completed' && task.robotId === robot.id) return;
    const now = this.clock.now();
    const detail = `robot ${robot.name} reports order ${orderId} finished: it did task ${task.id} while out of contact`;
    const leaveToStaff = (why: string) => this.alert(robot, task, now, `${detail}; ${why}`);
    if (doubt) return leaveToStaff(`${doubt} Check what was done.`);
    if (task.status === 'completed') return leaveToStaff(`robot ${task.robotId} completed it as well: check that nothing was delivered twice.`);
    if (task.status === 'cancelled' || task.status === 'failed') return leaveToStaff(`it had been ${task.status} meanwhile: check what was done.`);
    if (task.performer === 'staff' || task.status === 'on-hold' || task.status === 'requested') return leaveToStaff(`the task is with staff (${task.status}): check before doing it.`);
    if ((report.actions ?? []).some((a) => belongsTo(a.id, orderId) && a.type === 'waitForTrigger')) {
      return leaveToStaff('its order waited for a person’s confirmation (custody), which only staff can settle: the task is left as it is.');
    }
    // staff who took the task in hand after this robot had it (handed it on, claimed it) decided already
    const history = await this.store.history(task.id);
    let given = history.length - 1;
    while (given >= 0 && !(history[given]!.to === 'accepted' && history[given]!.robotId === robot.id)) given--;
    if (history.slice(given + 1).some((e) => e.cause.kind === 'staff')) return leaveToStaff('staff have handled the task since: it is left to them.');
    const other = keepsMission(task) ? task.robotId : undefined;
    if (other !== undefined && this.fleet.get(other)?.loaded !== false) {
      return leaveToStaff(`robot ${other}, sent for it meanwhile, may carry something: it goes on; check and cancel it if need be.`);
    }
    if (other !== undefined) {
      // the robot sent after it stops (the order is never resent; cancelOrder while it runs) and is free for other work
      await this.reconciler.withdraw(other, taskMissionId(task));
      await this.fleet.update(other, (r) => (r.currentTaskId === task.id ? { ...r, currentTaskId: undefined } : r), now);
    }
    const cause = { kind: 'robot', id: robot.id, reason: detail } as const;
    const events: TaskEvent[] = [];
    let current: Task = task;
    const step = (to: Task['status'], robotId?: string) => {
      const next = transition(current, to, { now, cause, robotId, reason: detail });
      current = next.task;
      events.push(next.event);
    };
    if (current.status !== 'ready') step('ready');
    step('accepted', robot.id);
    step('in-progress', robot.id);
    step('completed', robot.id);
    await this.store.save(current, events, task.updatedAt);
    for (const event of events) this.notifier.taskChanged(current, event);
    this.succeeded(robot.id);
    this.alert(robot, current, now, other ? `${detail}; it is closed, and robot ${other}, sent for it meanwhile with nothing on board yet, was called back and freed.` : `${detail}; it is closed.`);
    this.dispatch.request();
  }

  private alert(robot: Robot, task: Task, now: number, message: string): void {
    this.notifier.alert({ id: `done-offline-${task.id}-${robot.id}`, at: now, kind: 'task-done-offline', severity: 'warning', robotId: robot.id, taskId: task.id, message });
  }
}
