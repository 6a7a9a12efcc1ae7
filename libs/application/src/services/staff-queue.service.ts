import type { Mutex } from 'async-mutex';
import {
  claim,
  completeByStaff,
  createTask,
  DomainError,
  DomainErrorCode,
  escalateToStaff,
  handBack,
  isStaffTask,
  isTerminal,
  release,
  taskStops,
  wardOfNode,
  type Cause,
  type EscalationReason,
  type Facility,
  type NewTaskInput,
  type Step,
  type Task,
} from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { TaskStore } from '../ports/task-store.port';
import type { RequestKey, TaskRequestStore } from '../ports/task-request-store.port';
import type { WardStore } from '../ports/ward-store.port';
import type { FleetRegistry } from './fleet-registry';
import type { IdGenerator } from './id-generator';
import { madeOnce } from './made-once';
import { requirePermission, type StaffIdentity } from './staff-roles';
import type { DispatchTrigger } from './task.service';

const OPEN = ['ready', 'accepted', 'in-progress', 'on-hold'] as const;
const QUEUE_LIMIT = 500;

/**
 * The staff side of the one task flow: each ward's queue of escalated and staff-only tasks, and what staff do with
 * them (claim, complete, release, hand back to the fleet). Escalation lands here too, with an alert to the ward.
 */
export class StaffQueueService {
  constructor(
    private readonly store: TaskStore,
    private readonly wards: WardStore,
    private readonly fleet: FleetRegistry,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly notifier: Notifier,
    private readonly dispatch: DispatchTrigger,
    private readonly mutex: Mutex,
    /** Tasks only a nurse may take and close: medication (custody types) — only a nurse is recorded as giving it. */
    private readonly nurseOnly: (task: Pick<Task, 'type'>) => boolean = () => false,
    /** Idempotency keys of creations (`createOnce`); without it a key is ignored. */
    private readonly requests?: TaskRequestStore,
  ) {}

  /**
   * Open tasks for staff of the given wards (all wards when omitted), plus those of no ward; a task a robot let go
   * of without a robot on it (`on-hold`, no robot) counts as waiting for staff. Most urgent first, then deadline.
   */
  async queue(wardIds?: readonly string[]): Promise<Task[]> {
    const page = await this.store.query({ status: [...OPEN], limit: QUEUE_LIMIT, offset: 0 });
    return page.items
      .filter((t) => isStaffTask(t) || (t.status === 'on-hold' && t.robotId === undefined))
      .filter((t) => wardIds === undefined || t.wardId === undefined || wardIds.includes(t.wardId))
      .sort(byUrgency);
  }

  /**
   * A staff-only task (repositioning, a wound dressing…): straight into its ward's queue. `id` is for callers that
   * need a fixed one (an incident's follow-up checks); otherwise a new one.
   */
  async create(input: NewTaskInput, actor: StaffIdentity, id?: string): Promise<Task> {
    return this.insert(input, actor, id);
  }

  /**
   * `create` once per request key (see `madeOnce`): the same request sent again answers the task it made, `replayed`;
   * another request with the key is refused (IDEMPOTENCY_KEY_REUSED). The key is stored with the task.
   */
  async createOnce(input: NewTaskInput, actor: StaffIdentity, request?: RequestKey): Promise<{ task: Task; replayed: boolean }> {
    requirePermission(actor, 'task.create');
    const { made, replayed } = await madeOnce(this.requests, request, 'task', {
      find: (id) => this.store.get(id),
      make: () => this.insert(input, actor, undefined, this.requests ? request : undefined),
    });
    return { task: made, replayed };
  }

  private async insert(input: NewTaskInput, actor: StaffIdentity, id: string | undefined, request?: RequestKey): Promise<Task> {
    requirePermission(actor, 'task.create');
    const now = this.clock.now();
    const cause: Cause = { kind: 'staff', id: actor.id };
    const { task, events } = createTask({ ...input, performer: 'staff' }, { id: id ?? this.ids.next(), now, facility: this.facility, cause });
    const placed = { ...task, wardId: task.wardId ?? (await this.wardOf(task)) };
    await this.store.insert(placed, events[0], request);
    await this.store.save(placed, events.slice(1), placed.updatedAt);
    for (const event of events) this.notifier.taskChanged(placed, event);
    return placed;
  }

  claim(id: string, actor: StaffIdentity): Promise<Task> {
    requirePermission(actor, 'task.claim');
    return this.change(id, (task, now) => claim(this.queued(this.forRole(task, actor), now), actor.id, now));
  }

  complete(id: string, actor: StaffIdentity, note?: string): Promise<Task> {
    requirePermission(actor, 'task.claim');
    return this.change(id, (task, now) => completeByStaff(this.queued(this.forRole(task, actor), now), actor.id, now, note));
  }

  /** The task, when the actor's role may take it on (see `nurseOnly`). */
  private forRole(task: Task, actor: StaffIdentity): Task {
    if (this.nurseOnly(task) && actor.role !== 'nurse') {
      throw new DomainError(DomainErrorCode.Forbidden, `only a nurse takes on or completes ${task.type} task ${task.id}: only a nurse is recorded as giving medication`, 'role');
    }
    return task;
  }

  release(id: string, actor: StaffIdentity, reason?: string): Promise<Task> {
    requirePermission(actor, 'task.claim');
    return this.change(id, (task, now) => release(task, actor.id, now, reason));
  }

  async handBack(id: string, actor: StaffIdentity): Promise<Task> {
    requirePermission(actor, 'task.claim');
    const task = await this.change(id, (t, now) => handBack(this.queued(t, now), actor.id, this.fleet.list(), now), this.handBackRefusal);
    this.dispatch.request();
    return task;
  }

  /** A reason a task may not go back to the fleet now (custody: its medication is not at the pharmacy), or undefined. */
  refuseHandBackWhen(check: (task: Task) => Promise<string | undefined>): void {
    this.handBackRefusal = check;
  }

  private handBackRefusal: (task: Task) => Promise<string | undefined> = async () => undefined;

  /**
   * Moves a fleet task to its ward's staff queue and alerts the ward. Callers hold the task mutex (the escalation
   * watcher, the fleet when a robot gives up); answers the stored task.
   */
  async escalate(task: Task, reason: EscalationReason, cause: Cause, detail?: string): Promise<Task> {
    const now = this.clock.now();
    const step = escalateToStaff(task, reason, { now, cause, detail });
    const placed: Step = { ...step, task: { ...step.task, wardId: step.task.wardId ?? (await this.wardOf(step.task)) } };
    await this.commit(task, placed);
    this.notifier.alert({
      id: `escalated-${task.id}-${now}`,
      at: now,
      kind: 'task-escalated',
      severity: task.priority === 'stat' ? 'stat' : 'warning',
      taskId: task.id,
      robotId: task.robotId,
      wardId: placed.task.wardId,
      message: `Task ${task.type} ${task.id} goes to staff${placed.task.wardId ? ` of ward ${placed.task.wardId}` : ''}: ${placed.task.statusReason ?? reason}.`,
    });
    return placed.task;
  }

  private async change(id: string, step: (task: Task, now: number) => Step, refusal?: (task: Task) => Promise<string | undefined>): Promise<Task> {
    return this.mutex.runExclusive(async () => {
      const task = await this.store.get(id);
      if (!task) throw new DomainError(DomainErrorCode.TaskNotFound, `task ${id} not found`, 'id');
      const refused = await refusal?.(task);
      if (refused) throw new DomainError(DomainErrorCode.TaskTransitionInvalid, refused, 'status');
      const next = step(task, this.clock.now());
      await this.commit(task, next);
      return next.task;
    });
  }

  /** A task put on hold without a robot (the fleet gave up on it) joins the staff queue when someone acts on it. */
  private queued(task: Task, now: number): Task {
    if (isStaffTask(task) || isTerminal(task.status) || task.status !== 'on-hold' || task.robotId !== undefined) return task;
    return escalateToStaff(task, 'no-robot-available', { now, cause: { kind: 'system', id: 'staff-queue' }, detail: task.statusReason }).task;
  }

  private async commit(before: Task, step: Step): Promise<void> {
    await this.store.save(step.task, step.events, before.updatedAt);
    for (const event of step.events) this.notifier.taskChanged(step.task, event);
  }

  /** The ward of the room the task ends at (or starts at), when a ward holds it. */
  private async wardOf(task: Task): Promise<string | undefined> {
    const wards = await this.wards.list();
    const stops = taskStops(task.spec).map((s) => s.node).reverse();
    for (const node of stops) {
      const ward = wardOfNode(wards, this.facility, node);
      if (ward) return ward.id;
    }
    return undefined;
  }
}

const PRIORITY = ['stat', 'asap', 'urgent', 'routine'];

function byUrgency(a: Task, b: Task): number {
  return PRIORITY.indexOf(a.priority) - PRIORITY.indexOf(b.priority) || (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || a.createdAt - b.createdAt;
}
