import type { Mutex } from 'async-mutex';
import {
  canDo,
  createTask,
  DomainError,
  DomainErrorCode,
  isTerminal,
  transition,
  type Cause,
  type Facility,
  type NewTaskInput,
  type Task,
  type TaskEvent,
} from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { Page, TaskQuery, TaskStore } from '../ports/task-store.port';
import type { RequestKey, TaskRequestStore } from '../ports/task-request-store.port';
import type { FleetRegistry } from './fleet-registry';
import type { IdGenerator } from './id-generator';
import { taskMissionId } from './mission-factory';
import type { OrderReconciler } from './order-reconciler';
import { madeOnce } from './made-once';

export interface DispatchTrigger {
  request(): void;
  /** A robot refused the order of a trip to a charger (DispatchService: it is not sent there again for a while). */
  chargeRefused?(missionId: string, reason: string | undefined): void;
}

/** Staff-facing use cases on tasks: create, cancel, read. */
export class TaskService {
  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly notifier: Notifier,
    private readonly dispatch: DispatchTrigger,
    private readonly mutex: Mutex,
    /** Takes a cancelled task's order back from its robot (never resent; cancelOrder until the robot stops it). */
    private readonly orders: Pick<OrderReconciler, 'withdraw'>,
    /** Idempotency keys of creations; without it a key is ignored. */
    private readonly requests?: TaskRequestStore,
    /** Says when a task may not be cancelled because its load (medication) is on a robot; without it none is refused. */
    private readonly loads?: { cancelRefusal(task: Task): Promise<string | undefined> },
  ) {}

  /**
   * Creates a task once per request key (see `madeOnce`): the same request sent again answers the task it made,
   * `replayed`; another request with the key is refused (IDEMPOTENCY_KEY_REUSED). The key is stored with the task.
   */
  async createOnce(input: NewTaskInput, cause: Cause, request?: RequestKey): Promise<{ task: Task; replayed: boolean }> {
    const { made, replayed } = await madeOnce(this.requests, request, 'task', {
      find: (id) => this.store.get(id),
      make: () => this.create(input, cause, request),
    });
    return { task: made, replayed };
  }

  async create(input: NewTaskInput, cause: Cause, request?: RequestKey): Promise<Task> {
    const { task, events } = createTask(input, { id: this.ids.next(), now: this.clock.now(), facility: this.facility });
    const robots = this.fleet.list();
    if (!robots.some((robot) => canDo(robot, task.requires))) {
      const known = [...new Set(robots.flatMap((r) => r.actions))].sort().join(', ') || 'none';
      throw new DomainError(
        DomainErrorCode.NoCapableRobot,
        `no robot of the fleet can do every action of [${task.requires.join(', ')}]; actions the fleet has: ${known}`,
        'requires',
      );
    }
    const stamped = events.map((e) => ({ ...e, cause: e.cause.kind === 'system' && e.from === null ? cause : e.cause }));
    // One transaction: a disk that fills up between two writes must not leave a half-made task behind.
    await this.store.insert(task, stamped, this.requests ? request : undefined);
    for (const event of stamped) this.notifier.taskChanged(task, event);
    this.dispatch.request();
    return task;
  }

  async cancel(id: string, cause: Cause): Promise<Task> {
    return this.mutex.runExclusive(async () => {
      const task = await this.require(id);
      if (isTerminal(task.status)) {
        throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${id} is already ${task.status}`, 'status');
      }
      const refusal = await this.loads?.cancelRefusal(task);
      if (refusal) throw new DomainError(DomainErrorCode.TaskTransitionInvalid, refusal, 'status');
      const { task: cancelled, event } = transition(task, 'cancelled', { now: this.clock.now(), cause, reason: cause.reason });
      await this.store.save(cancelled, [event], task.updatedAt);
      if (task.robotId && (task.status === 'accepted' || task.status === 'in-progress' || task.status === 'on-hold')) {
        // the order first (never resent, cancelOrder while it runs): a failed robot update after it leaves no resend
        await this.orders.withdraw(task.robotId, taskMissionId(task));
        await this.releaseRobot(task.robotId, id);
      }
      this.notifier.taskChanged(cancelled, event);
      this.dispatch.request();
      return cancelled;
    });
  }

  async get(id: string): Promise<{ task: Task; history: readonly TaskEvent[] }> {
    const task = await this.require(id);
    return { task, history: await this.store.history(id) };
  }

  list(query: TaskQuery): Promise<Page<Task>> {
    return this.store.query(query);
  }

  private async require(id: string): Promise<Task> {
    const task = await this.store.get(id);
    if (!task) throw new DomainError(DomainErrorCode.TaskNotFound, `task ${id} not found`, 'id');
    return task;
  }

  private async releaseRobot(robotId: string, taskId: string): Promise<void> {
    await this.fleet.update(
      robotId,
      (robot) => (robot.currentTaskId === taskId ? { ...robot, currentTaskId: undefined } : robot),
      this.clock.now(),
    );
  }
}
