import type { Bundle, BundleEntry, Task as FhirTask } from '@medplum/fhirtypes';
import type { Page, TaskQuery, TaskService } from '@opiekun/application';
import { DomainError, DomainErrorCode, type Facility, type Task } from '@opiekun/domain';
import type { FhirSchemaValidator } from './fhir-schema.validator';
import { matchesSearch, type FhirTaskSearch } from './fhir-task-search';
import { attemptsOf, parseTaskResourceId, toFhirAttempt, toFhirTask } from './fhir-task.mapper';

/** Tasks looked at per search, newest first: the FHIR view is for integrations, not for bulk export. */
const SCAN_LIMIT = 5000;
const PAGE = 500;

/** Thrown when we built a resource the FHIR R4 schema refuses: a bug of ours, served as 500, never as the resource. */
export class InvalidFhirResourceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`built an invalid FHIR resource: ${problems.slice(0, 5).join('; ')}`);
  }
}

/** Tasks as FHIR R4 resources: each job a Task, each robot attempt a child Task `partOf` it; every one validated. */
export class FhirTaskReader {
  constructor(
    private readonly tasks: TaskService,
    private readonly facility: Facility,
    private readonly validator: FhirSchemaValidator,
  ) {}

  /** `Task/<jobId>` or `Task/<jobId>-attempt-<n>`; unknown → TASK_NOT_FOUND. */
  async read(id: string): Promise<FhirTask> {
    const { taskId, attempt } = parseTaskResourceId(id);
    const { task, history } = await this.tasks.get(taskId);
    if (attempt === undefined) return this.valid(toFhirTask(task, this.facility));
    const found = attemptsOf(task, history).find((a) => a.number === attempt);
    if (!found) throw new DomainError(DomainErrorCode.TaskNotFound, `task ${taskId} has no attempt ${attempt}`, 'id');
    return this.valid(toFhirAttempt(task, found, this.facility));
  }

  /** A searchset: matching jobs (mode `match`), newest first, each followed by its robot attempts (mode `include`). */
  async search(search: FhirTaskSearch, baseUrl: string): Promise<Bundle> {
    const matched = await this.matching(search);
    const entries: BundleEntry[] = [];
    for (const task of matched.slice(0, search.count)) {
      entries.push(this.entry(toFhirTask(task, this.facility), baseUrl, 'match'));
      const { history } = await this.tasks.get(task.id);
      for (const attempt of attemptsOf(task, history)) entries.push(this.entry(toFhirAttempt(task, attempt, this.facility), baseUrl, 'include'));
    }
    const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: matched.length, link: [{ relation: 'self', url: `${baseUrl}/Task` }], entry: entries };
    if (entries.length === 0) delete bundle.entry;
    return this.valid(bundle);
  }

  private async matching(search: FhirTaskSearch): Promise<Task[]> {
    const base: Omit<TaskQuery, 'limit' | 'offset'> = {
      ...(search.status ? { status: search.status } : {}),
      ...(search.owner?.kind === 'Practitioner' ? { performer: 'staff' as const } : {}),
    };
    const found: Task[] = [];
    for (let offset = 0; offset < SCAN_LIMIT; offset += PAGE) {
      const page: Page<Task> = await this.tasks.list({ ...base, limit: PAGE, offset });
      found.push(...page.items.filter((t) => matchesSearch(t, search)));
      if (offset + PAGE >= page.total) break;
    }
    return found;
  }

  private entry(resource: FhirTask, baseUrl: string, mode: 'match' | 'include'): BundleEntry {
    return { fullUrl: `${baseUrl}/Task/${resource.id}`, resource: this.valid(resource), search: { mode } };
  }

  private valid<T extends { resourceType: string }>(resource: T): T {
    const problems = this.validator.problems(resource);
    if (problems.length > 0) throw new InvalidFhirResourceError(problems);
    return resource;
  }
}
