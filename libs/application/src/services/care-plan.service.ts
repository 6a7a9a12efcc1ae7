import type { Mutex } from 'async-mutex';
import {
  createTask,
  DomainError,
  DomainErrorCode,
  occurrencesBetween,
  occurrenceTask,
  transition,
  validateCarePlan,
  type CarePlan,
  type CarePlanInput,
  type Facility,
  type NewTaskInput,
  type PlanScope,
  type Resident,
  type Task,
  type TaskEvent,
} from '@opiekun/domain';
import type { CarePlanQuery, CarePlanStore, PlanOccurrence } from '../ports/care-plan-store.port';
import type { Clock, TimerHandle } from '../ports/clock.port';
import type { Notifier } from '../ports/notifier.port';
import type { ResidentStore } from '../ports/resident-store.port';
import type { TaskStore } from '../ports/task-store.port';
import type { RequestKey, TaskRequestStore } from '../ports/task-request-store.port';
import type { WardStore } from '../ports/ward-store.port';
import type { ResidentChanges } from './care-directory.service';
import type { IdGenerator } from './id-generator';
import { madeOnce } from './made-once';
import { requirePermission, type StaffIdentity } from './staff-roles';
import type { FleetRegistry } from './fleet-registry';
import type { DispatchTrigger } from './task.service';

export interface CarePlanOptions {
  /** How far ahead occurrences become tasks. */
  readonly horizonMs: number;
  /** How often the horizon rolls forward. */
  readonly periodMs: number;
}

export const DEFAULT_CARE_PLAN_OPTIONS: CarePlanOptions = { horizonMs: 24 * 3_600_000, periodMs: 5 * 60_000 };

const SYSTEM = { kind: 'system', id: 'care-plans' } as const;

/**
 * Care plans and the tasks they raise. Occurrences within the horizon become tasks (late ones too while their window
 * is open), each exactly once: the store refuses an occurrence it has (see CarePlanStore.insertOccurrence). A changed
 * plan brings its future tasks that nobody started into line: changed in place, cancelled when the occurrence went.
 */
export class CarePlanService implements ResidentChanges {
  private timer?: TimerHandle;

  constructor(
    private readonly plans: CarePlanStore,
    private readonly wards: WardStore,
    private readonly residents: ResidentStore,
    private readonly tasks: TaskStore,
    /** The robots a plan's activity is checked against, as a new task is. */
    private readonly fleet: Pick<FleetRegistry, 'list'>,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly notifier: Notifier,
    private readonly dispatch: DispatchTrigger,
    private readonly mutex: Mutex,
    private readonly onError: (error: Error) => void,
    private readonly options: CarePlanOptions = DEFAULT_CARE_PLAN_OPTIONS,
    /** Idempotency keys of creations (`createOnce`); without it a key is ignored. */
    private readonly requests?: TaskRequestStore,
  ) {}

  start(): void {
    this.timer = this.clock.setInterval(() => void this.materialise().catch(this.onError), this.options.periodMs);
    void this.materialise().catch(this.onError);
  }

  stop(): void {
    this.timer?.cancel();
  }

  list(query: CarePlanQuery): Promise<readonly CarePlan[]> {
    return this.plans.list(query);
  }

  async get(id: string): Promise<CarePlan> {
    const plan = await this.plans.get(id);
    if (!plan) throw new DomainError(DomainErrorCode.CarePlanNotFound, `care plan ${id} not found`, 'id');
    return plan;
  }

  async create(input: CarePlanInput, actor: StaffIdentity): Promise<CarePlan> {
    requirePermission(actor, 'care.manage');
    const plan = await this.newPlan(input);
    await this.plans.save(plan);
    await this.materialisePlan(plan, plan.createdAt);
    return plan;
  }

  /**
   * `create` once per request key (see `madeOnce`): the same request sent again answers the plan it made, `replayed`,
   * so its occurrences are raised once; another request with the key is refused (IDEMPOTENCY_KEY_REUSED). The key is
   * reserved for the plan's id before the plan is stored, and a plan whose key was reserved but which was never stored
   * is stored under that id by the request sent again. Under the task mutex, so retries racing in this process reach
   * the store one by one; another process's lose at the key's reservation.
   */
  async createOnce(input: CarePlanInput, actor: StaffIdentity, request?: RequestKey): Promise<{ plan: CarePlan; replayed: boolean }> {
    requirePermission(actor, 'care.manage');
    const requests = this.requests;
    if (requests === undefined || request === undefined) return { plan: await this.create(input, actor), replayed: false };
    const { made: plan, replayed } = await this.mutex.runExclusive(() =>
      madeOnce(requests, request, 'care-plan', {
        find: (id) => this.plans.get(id),
        make: async (reserved) => {
          const fresh = await this.newPlan(input, reserved);
          if (reserved === undefined) await requests.reserve(request, { kind: 'care-plan', id: fresh.id }, fresh.createdAt);
          await this.plans.save(fresh);
          return fresh;
        },
      }),
    );
    // Outside the mutex, as `create`: a retry answered meanwhile has the plan, its occurrences follow.
    if (!replayed) await this.materialisePlan(plan, plan.createdAt);
    return { plan, replayed };
  }

  /** A new plan from the input, checked against its resident or ward, the building and the fleet; a new id unless given. */
  private async newPlan(input: CarePlanInput, id?: string): Promise<CarePlan> {
    const now = this.clock.now();
    const valid = validateCarePlan(input, await this.scopeOf(input), this.facility, { now, fleet: this.fleet.list() });
    return { ...valid, id: id ?? this.ids.next(), active: true, version: 1, createdAt: now, updatedAt: now };
  }

  /** A new version of the plan; its future tasks that nobody started follow. */
  async update(id: string, input: CarePlanInput, actor: StaffIdentity): Promise<CarePlan> {
    requirePermission(actor, 'care.manage');
    const previous = await this.get(id);
    const now = this.clock.now();
    const valid = validateCarePlan(input, await this.scopeOf(input), this.facility, { now, fleet: this.fleet.list() });
    const plan: CarePlan = { ...previous, ...valid, version: previous.version + 1, updatedAt: now };
    await this.plans.save(plan);
    await this.resync(plan, actor);
    return plan;
  }

  /** Stops a plan: no new tasks, and its future tasks that nobody started are cancelled. */
  async deactivate(id: string, actor: StaffIdentity): Promise<CarePlan> {
    requirePermission(actor, 'care.manage');
    const previous = await this.get(id);
    if (!previous.active) return previous;
    const plan: CarePlan = { ...previous, active: false, version: previous.version + 1, updatedAt: this.clock.now() };
    await this.plans.save(plan);
    await this.resync(plan, actor);
    return plan;
  }

  async residentChanged(resident: Resident, actor: StaffIdentity): Promise<void> {
    for (const plan of await this.plans.list({ residentId: resident.id, activeOnly: true })) {
      if (resident.status === 'discharged') await this.deactivate(plan.id, actor);
      else await this.resync(plan, actor);
    }
  }

  /** One roll of the horizon over every active plan; answers how many tasks it raised. */
  async materialise(): Promise<number> {
    const now = this.clock.now();
    let raised = 0;
    for (const plan of await this.plans.list({ activeOnly: true })) {
      try {
        raised += await this.materialisePlan(plan, now);
      } catch (error) {
        this.onError(new Error(`care plan ${plan.id} (${plan.title}): ${(error as Error).message}`));
      }
    }
    if (raised > 0) this.dispatch.request();
    return raised;
  }

  private async materialisePlan(plan: CarePlan, now: number): Promise<number> {
    const scope = await this.scopeOf(plan);
    if (!plan.active || (scope.resident && scope.resident.status !== 'active')) return 0;
    const windowMs = plan.windowMin * 60_000;
    const due = occurrencesBetween(plan, now - windowMs, now + this.options.horizonMs, this.facility.timezone).filter((o) => o.at + windowMs > now);
    const known = new Set((await this.plans.occurrences(plan.id, now - windowMs)).map((o) => o.key));
    let raised = 0;
    for (const occurrence of due) {
      if (known.has(occurrence.key)) continue;
      const { task, events } = createTask(occurrenceTask(plan, occurrence, scope, this.facility), { id: this.ids.next(), now, facility: this.facility, cause: SYSTEM });
      const stored = await this.plans.insertOccurrence({ planId: plan.id, key: occurrence.key, at: occurrence.at, taskId: task.id, planVersion: plan.version }, task, events);
      if (!stored) continue;
      for (const event of events) this.notifier.taskChanged(task, event);
      raised += 1;
    }
    return raised;
  }

  /** Brings the plan's future, unstarted tasks in line with it, then raises what the new version adds. */
  private async resync(plan: CarePlan, actor: StaffIdentity): Promise<void> {
    const now = this.clock.now();
    const scope = await this.scopeOf(plan);
    const cause = { kind: 'staff', id: actor.id, reason: `care plan "${plan.title}" changed (version ${plan.version})` } as const;
    const future = await this.plans.occurrences(plan.id, now);
    const wanted = new Map(
      plan.active && (!scope.resident || scope.resident.status === 'active')
        ? occurrencesBetween(plan, now, now + this.options.horizonMs, this.facility.timezone).map((o) => [o.key, o] as const)
        : [],
    );
    await this.mutex.runExclusive(async () => {
      for (const stored of future) await this.follow(stored, wanted.has(stored.key) ? occurrenceTask(plan, wanted.get(stored.key)!, scope, this.facility) : undefined, cause);
    });
    await this.materialisePlan(plan, now);
    this.dispatch.request();
  }

  /** A task nobody started yet is changed to the plan's new version, or cancelled when its occurrence is gone. */
  private async follow(occurrence: PlanOccurrence, input: NewTaskInput | undefined, cause: TaskEvent['cause']): Promise<void> {
    const task = await this.tasks.get(occurrence.taskId);
    if (!task || task.status !== 'ready' || task.staffId !== undefined) return;
    const now = this.clock.now();
    if (input === undefined) {
      const { task: cancelled, event } = transition(task, 'cancelled', { now, cause, reason: cause.reason });
      await this.save(task, cancelled, event);
      return;
    }
    const fresh = createTask(input, { id: task.id, now, facility: this.facility }).task;
    const changed: Task = { ...task, ...pick(fresh), performer: fresh.performer ?? task.performer, updatedAt: now };
    if (JSON.stringify(pick(changed)) === JSON.stringify(pick(task)) && changed.performer === task.performer) return;
    await this.save(task, withoutUndefined(changed), { taskId: task.id, at: now, from: 'ready', to: 'ready', cause, detail: cause.reason });
  }

  private async save(before: Task, after: Task, event: TaskEvent): Promise<void> {
    await this.tasks.save(after, [event], before.updatedAt);
    this.notifier.taskChanged(after, event);
  }

  private async scopeOf(plan: Pick<CarePlan, 'residentId' | 'wardId'>): Promise<PlanScope> {
    if (plan.residentId !== undefined) {
      const resident = await this.residents.get(plan.residentId);
      if (!resident) throw new DomainError(DomainErrorCode.CareInvalid, `residentId: unknown resident "${plan.residentId}"`, 'residentId');
      const ward = await this.wards.get(resident.wardId);
      if (!ward) throw new DomainError(DomainErrorCode.CareInvalid, `resident ${resident.id}: unknown ward "${resident.wardId}"`, 'residentId');
      return { resident, ward };
    }
    const ward = plan.wardId === undefined ? undefined : await this.wards.get(plan.wardId);
    if (!ward) throw new DomainError(DomainErrorCode.CareInvalid, `wardId: unknown ward "${plan.wardId ?? ''}"`, 'wardId');
    return { ward };
  }
}

/** The fields of a task a plan decides. */
function pick(task: Task) {
  const { type, priority, spec, requires, earliestStart, deadline, note, serviceS, residentId, wardId } = task;
  return { type, priority, spec, requires, earliestStart, deadline, note, serviceS, residentId, wardId };
}

function withoutUndefined(task: Task): Task {
  return Object.fromEntries(Object.entries(task).filter(([, v]) => v !== undefined)) as unknown as Task;
}
