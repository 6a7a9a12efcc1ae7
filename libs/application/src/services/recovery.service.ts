import type { Task } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { TaskStore } from '../ports/task-store.port';
import type { FleetRegistry } from './fleet-registry';
import { keepsMission, taskMissionId } from './mission-factory';
import type { TaskFailover } from './task-failover';

export interface RecoveryReport {
  /** Tasks not finished, as stored. */
  readonly open: number;
  /** Of those, held by a robot (accepted, in progress, on hold at one): bound to their robot again. */
  readonly held: number;
  /** Robots whose stored task no longer matched and were freed. */
  readonly freed: number;
}

/**
 * After a start (a crash, a kill -9) the database is the truth: every task is where it was stored. Each robot is
 * bound again to the task it holds and that task's orderId, and held until its first state (see FleetRegistry.load);
 * the OrderReconciler then reads that state and continues the order, sends a decided one that never arrived, or
 * cancels a stale one. Nothing is re-sent before the robot has said what it is doing.
 */
export class RecoveryService {
  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly failover: TaskFailover,
    private readonly clock: Clock,
  ) {}

  /** Call after the registry loaded and before the link or dispatch start. */
  async recover(): Promise<RecoveryReport> {
    const open = await this.store.active();
    const byRobot = new Map<string, Task>();
    for (const task of open) if (keepsMission(task)) byRobot.set(task.robotId as string, task);
    let freed = 0;
    const now = this.clock.now();
    for (const robot of this.fleet.list()) {
      const task = byRobot.get(robot.id);
      if (!task && robot.currentTaskId !== undefined) freed += 1;
      await this.fleet.update(robot.id, (r) => ({ ...r, currentTaskId: task?.id, missionId: task ? taskMissionId(task) : undefined }), now);
    }
    await this.failover.recover(open);
    return { open: open.length, held: byRobot.size, freed };
  }
}
