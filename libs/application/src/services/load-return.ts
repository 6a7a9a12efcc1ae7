import { createTask, transition, type Facility, type Robot, type Task } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { CustodyStore } from '../ports/custody-store.port';
import type { RobotLink } from '../ports/robot-link.port';
import type { TaskStore } from '../ports/task-store.port';
import { RETURN_TASK_TYPE, returnRounds, returnTaskId } from './custody-missions';
import type { FleetRegistry } from './fleet-registry';
import type { MissionFactory } from './mission-factory';
import type { MissionSender } from './mission-sender';
import type { StaffQueueService } from './staff-queue.service';

/**
 * A delivery nobody took: the ward's staff get the task (escalation `handover-missed`, with an alert) and the robot
 * that carries the medication takes it straight back to the pharmacy — a task of its own (`medication-return`, id
 * `<delivery>~return`, numbered from the second missed handover: `returnTaskId`) given to that robot at once, never to the dispatcher, so the load is never left on a robot
 * without a mission nor handed to another one. Callers hold the task mutex.
 */
export class LoadReturn {
  constructor(
    private readonly tasks: TaskStore,
    private readonly custody: CustodyStore,
    private readonly fleet: FleetRegistry,
    private readonly link: RobotLink,
    private readonly sender: MissionSender,
    private readonly missions: MissionFactory,
    private readonly staffQueue: StaffQueueService,
    private readonly facility: Facility,
    private readonly clock: Clock,
  ) {}

  /**
   * Nobody loaded the robot waiting at the pharmacy: it carries nothing, so it is let go (its order cancelled) and
   * the delivery goes to the ward's staff, who can hand it back to the fleet once the pharmacy is ready.
   */
  async notLoaded(delivery: Task, why: string): Promise<void> {
    const robot = this.holder(delivery);
    await this.staffQueue.escalate(delivery, 'load-missed', { kind: 'system', id: 'custody' }, why);
    if (robot?.missionId) await this.cancel(robot.id);
  }

  /** Whether it was done: not while the cancel cannot go out (the caller's next check tries again). */
  async missed(delivery: Task, why: string): Promise<boolean> {
    const robot = this.holder(delivery);
    if (delivery.spec.kind !== 'transport') return false;
    if (!robot) {
      // the robot no longer holds the delivery (its attempt ended meanwhile and went to staff): nothing of it to take over
      await this.staffQueue.escalate(delivery, 'handover-missed', { kind: 'system', id: 'custody' }, why);
      return true;
    }
    // The wait at the room and the drop after it must not run: the drawer stays shut. The cancel goes first: when it
    // cannot go out (the broker is down) nothing is decided — the delivery stays on hold and the next check tries again
    // — else the return's order would reach the robot after the outage while it still runs this one, and be refused.
    if (!(await this.cancel(robot.id))) return false;
    if (robot.missionId) this.sender.settle(robot.missionId);
    const now = this.clock.now();
    const entries = await this.custody.list(delivery.id);
    const returnId = returnTaskId(delivery.id, returnRounds(entries) + 1);
    await this.custody.append({ taskId: delivery.id, step: 'handover-missed', at: now, nodeId: delivery.spec.to, robotId: robot.id, via: 'system', detail: `${why}; back to ${delivery.spec.from} as ${returnId}` });
    await this.staffQueue.escalate(delivery, 'handover-missed', { kind: 'system', id: 'custody' }, why);
    const action = robot.actions.includes('drop') ? 'drop' : delivery.spec.dropAction;
    const cause = { kind: 'system', id: 'custody', reason: `medication of ${delivery.id} back to the pharmacy` } as const;
    const created = createTask(
      { type: RETURN_TASK_TYPE, priority: delivery.priority === 'routine' ? 'urgent' : delivery.priority, atNode: delivery.spec.from, action, wardId: delivery.wardId, note: `return of ${delivery.id}` },
      { id: returnId, now, facility: this.facility, cause },
    );
    const accepted = transition(created.task, 'accepted', { now, cause, robotId: robot.id });
    const mission = this.missions.forTask(accepted.task, { ...robot, lastNodeId: robot.lastNodeId ?? delivery.spec.to }, now);
    // made, accepted by the robot and its mission in the outbox in one transaction: a return stored unassigned (a crash
    // between two writes) would be free for the dispatcher to give another robot, while the load stays on this one
    await this.tasks.insert(accepted.task, [...created.events, accepted.event], undefined, mission);
    await this.fleet.update(robot.id, (r) => ({ ...r, currentTaskId: returnId, missionId: mission.id }), now);
    await this.sender.send(mission);
    return true;
  }

  /** The robot that holds the delivery now (its current task), if any. */
  private holder(delivery: Task): Robot | undefined {
    const robot = delivery.robotId ? this.fleet.get(delivery.robotId) : undefined;
    return robot?.currentTaskId === delivery.id ? robot : undefined;
  }

  /**
   * cancelOrder (QoS 0); whether it went out. Letting a robot go (notLoaded) does not wait for it: the robot's next
   * state shows it running an order no longer its own, which the reconciler cancels again until it stops.
   */
  private async cancel(robotId: string): Promise<boolean> {
    return this.link.sendInstant(robotId, { kind: 'cancel' }).then(
      () => true,
      () => false,
    );
  }
}
