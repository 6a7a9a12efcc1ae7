import {
  DomainError,
  DomainErrorCode,
  followUpChecks,
  followUpTaskId,
  SHIFT_START_HOURS,
  validateIncident,
  type Facility,
  type Incident,
  type IncidentKind,
  type Task,
} from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { IncidentQuery, IncidentStore } from '../ports/handover-store.port';
import type { ResidentStore } from '../ports/resident-store.port';
import type { RequestKey } from '../ports/task-request-store.port';
import type { TaskStore } from '../ports/task-store.port';
import type { IdGenerator } from './id-generator';
import { requireSameRequest } from './same-request';
import type { StaffQueueService } from './staff-queue.service';
import { requirePermission, type StaffIdentity } from './staff-roles';

export interface IncidentInput {
  readonly residentId: string;
  readonly kind: IncidentKind;
  /** Epoch ms; default now. */
  readonly occurredAt?: number;
  readonly description: string;
}

/** The staff task type of a follow-up check; the action a person does at the bedside. */
export const INCIDENT_CHECK_TYPE = 'incident-check';

export interface ReportedIncident {
  readonly incident: Incident;
  readonly followUps: readonly Task[];
  /** The request key had made this incident before: nothing new was stored (missing checks were made up). */
  readonly replayed: boolean;
}

/**
 * Incident reports (a fall…): kept, and followed up by a staff check at the resident's room in every shift for 72 h,
 * in the ward's staff queue. What the check finds is for staff to judge; Opiekun only makes sure someone goes.
 *
 * Idempotent: with a request key, the same report sent again answers the incident made the first time, and another
 * report with that key is refused (IDEMPOTENCY_KEY_REUSED); the checks have fixed ids (`<incident>~check-<n>`), so a
 * retry after a crash between the incident and its checks makes only the missing ones, and never one twice. Reports
 * are handled one at a time in this process.
 */
export class IncidentService {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly incidents: IncidentStore,
    private readonly residents: ResidentStore,
    private readonly tasks: TaskStore,
    private readonly staffQueue: StaffQueueService,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** Local start hours of the shifts (the care file's `shiftChanges`). */
    private readonly shiftStartHours: readonly number[] = SHIFT_START_HOURS,
  ) {}

  report(input: IncidentInput, actor: StaffIdentity, request?: RequestKey): Promise<ReportedIncident> {
    const run = this.tail.then(() => this.reportNow(input, actor, request));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async get(id: string): Promise<{ incident: Incident; followUps: readonly Task[] }> {
    const incident = await this.incidents.get(id);
    if (!incident) throw new DomainError(DomainErrorCode.IncidentNotFound, `incident ${id} not found`, 'id');
    return { incident, followUps: await this.followUpsOf(incident) };
  }

  list(query: IncidentQuery): Promise<readonly Incident[]> {
    return this.incidents.list(query);
  }

  private async reportNow(input: IncidentInput, actor: StaffIdentity, request: RequestKey | undefined): Promise<ReportedIncident> {
    requirePermission(actor, 'task.create');
    const resident = await this.residents.get(input.residentId);
    if (!resident || resident.status !== 'active') throw new DomainError(DomainErrorCode.ResidentNotFound, `resident ${input.residentId} not found`, 'residentId');
    const now = this.clock.now();
    const fresh = validateIncident({
      id: this.ids.next(),
      residentId: resident.id,
      wardId: resident.wardId,
      kind: input.kind,
      occurredAt: input.occurredAt ?? now,
      description: input.description,
      reportedBy: actor.id,
      createdAt: now,
    });
    const { incident, fingerprint } = await this.incidents.insert(fresh, request);
    if (request) requireSameRequest(request, fingerprint);
    const replayed = incident.id !== fresh.id;
    const room = this.facility.findRoom(resident.roomId);
    if (!room) throw new DomainError(DomainErrorCode.CareInvalid, `room ${resident.roomId} of resident ${resident.id} is not in the facility`, 'residentId');
    const checks = followUpChecks(incident, this.facility.data.timezone, this.shiftStartHours);
    const followUps: Task[] = [];
    for (const [i, check] of checks.entries()) {
      const id = followUpTaskId(incident.id, i + 1);
      const made = await this.tasks.get(id);
      followUps.push(
        made ??
          (await this.staffQueue.create(
            {
              type: INCIDENT_CHECK_TYPE,
              priority: 'urgent',
              atNode: room.node,
              action: 'check',
              earliestStart: check.earliestStart,
              deadline: check.deadline,
              residentId: incident.residentId,
              wardId: incident.wardId,
              note: `Follow-up ${i + 1}/${checks.length} after ${incident.kind} (incident ${incident.id})`,
            },
            actor,
            id,
          )),
      );
    }
    return { incident, followUps, replayed };
  }

  private async followUpsOf(incident: Incident): Promise<Task[]> {
    const checks = followUpChecks(incident, this.facility.data.timezone, this.shiftStartHours);
    const tasks = await Promise.all(checks.map((_, i) => this.tasks.get(followUpTaskId(incident.id, i + 1))));
    return tasks.filter((t): t is Task => t !== undefined);
  }
}
