import { DomainError, DomainErrorCode, followUpChecks, validateIncident, type Facility, type Incident, type IncidentKind, type Task } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { IncidentQuery, IncidentStore } from '../ports/handover-store.port';
import type { ResidentStore } from '../ports/resident-store.port';
import type { IdGenerator } from './id-generator';
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

/**
 * Incident reports (a fall…): kept, and followed up by a staff check at the resident's room in every shift for 72 h,
 * in the ward's staff queue. What the check finds is for staff to judge; Opiekun only makes sure someone goes.
 */
export class IncidentService {
  constructor(
    private readonly incidents: IncidentStore,
    private readonly residents: ResidentStore,
    private readonly staffQueue: StaffQueueService,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async report(input: IncidentInput, actor: StaffIdentity): Promise<{ incident: Incident; followUps: Task[] }> {
    requirePermission(actor, 'task.create');
    const resident = await this.residents.get(input.residentId);
    if (!resident || resident.status !== 'active') throw new DomainError(DomainErrorCode.ResidentNotFound, `resident ${input.residentId} not found`, 'residentId');
    const now = this.clock.now();
    const incident = validateIncident({
      id: this.ids.next(),
      residentId: resident.id,
      wardId: resident.wardId,
      kind: input.kind,
      occurredAt: input.occurredAt ?? now,
      description: input.description,
      reportedBy: actor.id,
      createdAt: now,
    });
    await this.incidents.insert(incident);
    const room = this.facility.findRoom(resident.roomId)!;
    const checks = followUpChecks(incident, this.facility.data.timezone);
    const followUps: Task[] = [];
    for (const [i, check] of checks.entries()) {
      followUps.push(
        await this.staffQueue.create(
          {
            type: INCIDENT_CHECK_TYPE,
            priority: 'urgent',
            atNode: room.node,
            action: 'check',
            earliestStart: check.earliestStart,
            deadline: check.deadline,
            residentId: resident.id,
            wardId: resident.wardId,
            note: `Follow-up ${i + 1}/${checks.length} after ${incident.kind} (incident ${incident.id})`,
          },
          actor,
        ),
      );
    }
    return { incident, followUps };
  }

  list(query: IncidentQuery): Promise<readonly Incident[]> {
    return this.incidents.list(query);
  }
}
