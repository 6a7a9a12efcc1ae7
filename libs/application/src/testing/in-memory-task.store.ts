import { DomainError, DomainErrorCode, isTerminal, type Task, type TaskEvent } from '@opiekun/domain';
import type { MissionStore } from '../ports/mission-store.port';
import type { RequestKey, Reservation, StoredRequest, TaskRequestStore } from '../ports/task-request-store.port';
import type { Mission } from '../ports/robot-link.port';
import { TaskStore, type Page, type TaskQuery } from '../ports/task-store.port';
import { keepsMission } from '../services/mission-factory';

/**
 * TaskStore (and the MissionStore outbox beside it) in memory, with the same optimistic check as the database one:
 * for small tests and the benchmark.
 */
export class InMemoryTaskStore extends TaskStore implements MissionStore, TaskRequestStore {
  private readonly tasks = new Map<string, Task>();
  private readonly events = new Map<string, TaskEvent[]>();
  private readonly missions = new Map<string, Mission>();
  private readonly requests = new Map<string, StoredRequest>();
  /** Each write as it was made (one transaction each, as the real store's): what was written together. */
  readonly writes: Array<{ readonly kind: 'insert' | 'save'; readonly taskId: string; readonly status: Task['status']; readonly mission?: string }> = [];

  async insert(task: Task, events: TaskEvent | readonly TaskEvent[], request?: RequestKey, mission?: Mission): Promise<void> {
    if (this.tasks.has(task.id)) throw new DomainError(DomainErrorCode.TaskInvalid, `task ${task.id} exists`, 'id');
    if (request !== undefined && this.requests.has(request.key)) throw new DomainError(DomainErrorCode.TaskInvalid, `request ${request.key} was made`, 'requestKey');
    if (request !== undefined) this.requests.set(request.key, { kind: 'task', id: task.id, fingerprint: request.fingerprint });
    this.tasks.set(task.id, task);
    this.events.set(task.id, Array.isArray(events) ? [...(events as readonly TaskEvent[])] : [events as TaskEvent]);
    if (mission) this.missions.set(task.id, mission);
    this.writes.push({ kind: 'insert', taskId: task.id, status: task.status, ...(mission ? { mission: mission.id } : {}) });
  }

  async current(): Promise<readonly Mission[]> {
    return [...this.missions.values()];
  }

  async requestFor(key: string): Promise<StoredRequest | undefined> {
    return this.requests.get(key);
  }

  async reserve(request: RequestKey, made: Reservation): Promise<void> {
    if (this.requests.has(request.key)) throw new DomainError(DomainErrorCode.TaskInvalid, `request ${request.key} was made`, 'requestKey');
    this.requests.set(request.key, { ...made, fingerprint: request.fingerprint });
  }

  async forTask(taskId: string): Promise<Mission | undefined> {
    return this.missions.get(taskId);
  }

  async replace(mission: Mission): Promise<void> {
    if (mission.taskId !== undefined && this.missions.get(mission.taskId)?.id === mission.id) this.missions.set(mission.taskId, mission);
  }

  async save(task: Task, events: readonly TaskEvent[], expectedUpdatedAt: number, mission?: Mission): Promise<void> {
    const stored = this.tasks.get(task.id);
    if (!stored) throw new DomainError(DomainErrorCode.TaskNotFound, `task ${task.id} not found`, 'id');
    if (stored.updatedAt !== expectedUpdatedAt) {
      throw new DomainError(DomainErrorCode.TaskTransitionInvalid, `task ${task.id} was changed concurrently`, 'updatedAt');
    }
    this.tasks.set(task.id, task);
    this.events.get(task.id)?.push(...events);
    if (mission) this.missions.set(task.id, mission);
    else if (!keepsMission(task)) this.missions.delete(task.id);
    this.writes.push({ kind: 'save', taskId: task.id, status: task.status, ...(mission ? { mission: mission.id } : {}) });
  }

  async get(id: string): Promise<Task | undefined> {
    return this.tasks.get(id);
  }

  async history(id: string): Promise<readonly TaskEvent[]> {
    return this.events.get(id) ?? [];
  }

  async query(q: TaskQuery): Promise<Page<Task>> {
    const matches = [...this.tasks.values()]
      .filter(
        (t) =>
          (!q.status || q.status.includes(t.status)) &&
          (!q.priority || q.priority.includes(t.priority)) &&
          (!q.type || q.type.includes(t.type)) &&
          (!q.robotId || t.robotId === q.robotId) &&
          (q.createdFrom === undefined || t.createdAt >= q.createdFrom) &&
          (q.createdTo === undefined || t.createdAt < q.createdTo) &&
          (!q.wardId || (t.wardId !== undefined && q.wardId.includes(t.wardId))) &&
          (!q.residentId || t.residentId === q.residentId) &&
          (!q.carePlanId || t.carePlanId === q.carePlanId) &&
          (!q.performer || (t.performer ?? 'robot') === q.performer),
      )
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
    return { items: matches.slice(q.offset, q.offset + q.limit), total: matches.length };
  }

  async active(): Promise<readonly Task[]> {
    return [...this.tasks.values()].filter((t) => !isTerminal(t.status)).sort((a, b) => a.createdAt - b.createdAt);
  }

  all(): Task[] {
    return [...this.tasks.values()];
  }
}
