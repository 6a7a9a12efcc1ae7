import {
  DomainError,
  DomainErrorCode,
  FOLLOW_UP_MS,
  isTerminal,
  SHIFT_START_HOURS,
  shiftAt,
  signHandover,
  TASK_STATUSES,
  type Facility,
  type HandoverAlert,
  type HandoverContent,
  type HandoverReport,
  type Task,
} from '@opiekun/domain';
import type { AlertStore, StoredAlert } from '../ports/alert-store.port';
import type { Clock } from '../ports/clock.port';
import type { HandoverStore, IncidentStore } from '../ports/handover-store.port';
import type { TaskStore } from '../ports/task-store.port';
import type { WardStore } from '../ports/ward-store.port';
import type { IdGenerator } from './id-generator';
import { requirePermission, type StaffIdentity } from './staff-roles';

const OPEN = TASK_STATUSES.filter((s) => !isTerminal(s));
const LIMIT = 500;

/**
 * The shift handover of a ward: generated from what is stored (open tasks, escalations and alerts of the shift,
 * residents with an incident in the last 72 h), reviewed and signed by the outgoing nurse, then by the incoming one,
 * and kept. Generating again before anyone signed refreshes it; after, the signed report stays as it is.
 */
export class HandoverService {
  constructor(
    private readonly handovers: HandoverStore,
    private readonly tasks: TaskStore,
    private readonly alerts: AlertStore,
    private readonly incidents: IncidentStore,
    private readonly wards: WardStore,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** Local start hours of the shifts (the care file's `shiftChanges`); default 07:00, 15:00, 23:00. */
    private readonly shiftStartHours: readonly number[] = SHIFT_START_HOURS,
  ) {}

  /** The report for the ward's current shift (the one ending at the next shift change). */
  async generate(wardId: string, actor: StaffIdentity): Promise<HandoverReport> {
    requirePermission(actor, 'care.manage');
    if (!(await this.wards.get(wardId))) throw new DomainError(DomainErrorCode.WardNotFound, `ward ${wardId} not found`, 'wardId');
    const now = this.clock.now();
    const shift = shiftAt(now, this.facility.data.timezone, this.shiftStartHours);
    const content = await this.contentFor(wardId, shift.start, shift.end, now);
    return this.handovers.upsertDraft({ id: this.ids.next(), wardId, shiftStart: shift.start, shiftEnd: shift.end, generatedAt: now, content });
  }

  /**
   * At each shift change, without anyone asking: from `leadMs` before the shift ends, every ward that has no report
   * for it yet gets its draft, ready for the outgoing nurse to review (refreshing it stays her choice: `generate`).
   * Answers the drafts made.
   */
  async prepareDue(leadMs: number): Promise<HandoverReport[]> {
    const now = this.clock.now();
    const shift = shiftAt(now, this.facility.data.timezone, this.shiftStartHours);
    if (now < shift.end - leadMs) return [];
    const made: HandoverReport[] = [];
    for (const ward of await this.wards.list()) {
      const [latest] = await this.handovers.list(ward.id, 1);
      if (latest?.shiftEnd === shift.end) continue;
      const content = await this.contentFor(ward.id, shift.start, shift.end, now);
      made.push(await this.handovers.upsertDraft({ id: this.ids.next(), wardId: ward.id, shiftStart: shift.start, shiftEnd: shift.end, generatedAt: now, content }));
    }
    return made;
  }

  /** Signing is a nurse's: the outgoing one first (with an optional note), then a different, incoming one. */
  async sign(id: string, as: 'outgoing' | 'incoming', actor: StaffIdentity, note?: string): Promise<HandoverReport> {
    if (actor.role !== 'nurse') throw new DomainError(DomainErrorCode.Forbidden, 'only a nurse signs a shift handover', 'role');
    const report = await this.get(id);
    const signed = signHandover(report, as, { staffId: actor.id, displayName: actor.displayName, at: this.clock.now() }, note);
    await this.handovers.saveSigned(signed, report);
    return signed;
  }

  async get(id: string): Promise<HandoverReport> {
    const report = await this.handovers.get(id);
    if (!report) throw new DomainError(DomainErrorCode.HandoverNotFound, `handover ${id} not found`, 'id');
    return report;
  }

  list(wardId: string | undefined, limit = 50): Promise<readonly HandoverReport[]> {
    return this.handovers.list(wardId, limit);
  }

  /** The nodes of residents' rooms: where a task happens, for the staff, is its room end (placeNode). */
  private roomNodes(): ReadonlySet<string> {
    return new Set(this.facility.data.rooms.map((r) => r.node));
  }

  /** An alert as the report keeps it: with its robot and task, so that staff read it in their own language. */
  private async alertEntry(a: StoredAlert, recent: readonly Task[], rooms: ReadonlySet<string>): Promise<HandoverAlert> {
    const task = a.taskId === undefined ? undefined : (recent.find((t) => t.id === a.taskId) ?? (await this.tasks.get(a.taskId)));
    const where = task ? placeNode(task, rooms) : undefined;
    return {
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      at: a.at,
      message: a.message,
      ...(a.roomId ? { roomId: a.roomId } : {}),
      acknowledged: a.acknowledgedAt !== undefined,
      ...(a.robotId ? { robotId: a.robotId } : {}),
      ...(task ? { task: { id: task.id, type: task.type, ...(where ? { placeNode: where } : {}), ...(task.escalation ? { escalationReason: task.escalation.reason } : {}) } } : {}),
    };
  }

  /**
   * The report's content. Open tasks: those the incoming shift will meet — that may start before it ends (a care plan's
   * tasks for tomorrow, an incident's checks two days on, are not handed over yet) — soonest first.
   */
  private async contentFor(wardId: string, shiftStart: number, shiftEnd: number, now: number): Promise<HandoverContent> {
    const incomingEnd = shiftEnd + (shiftEnd - shiftStart);
    const rooms = this.roomNodes();
    const open = (await this.tasks.query({ status: OPEN, wardId: [wardId], limit: LIMIT, offset: 0 })).items
      .filter((t) => t.earliestStart === undefined || t.earliestStart < incomingEnd)
      .sort((a, b) => (a.earliestStart ?? a.createdAt) - (b.earliestStart ?? b.createdAt) || (a.deadline ?? Infinity) - (b.deadline ?? Infinity) || (a.id < b.id ? -1 : 1));
    const recent = (await this.tasks.query({ wardId: [wardId], limit: LIMIT, offset: 0 })).items;
    const alerts = (await this.alerts.list({ openOnly: false, since: shiftStart, limit: LIMIT })).filter((a) => a.wardId === wardId);
    const incidents = await this.incidents.list({ wardId, since: now - FOLLOW_UP_MS, limit: LIMIT });
    const byResident = new Map<string, { id: string; kind: string; occurredAt: number }[]>();
    for (const i of incidents) byResident.set(i.residentId, [...(byResident.get(i.residentId) ?? []), { id: i.id, kind: i.kind, occurredAt: i.occurredAt }]);
    return {
      openTasks: open.map((t) => openTask(t, rooms)),
      escalations: recent
        .filter((t) => t.escalation && t.escalation.at >= shiftStart)
        .map((t) => ({ taskId: t.id, type: t.type, reason: t.escalation!.reason, at: t.escalation!.at, ...(t.escalation!.detail ? { detail: t.escalation!.detail } : {}) })),
      alerts: await Promise.all(alerts.map((a) => this.alertEntry(a, recent, rooms))),
      residentsWithIncidents: [...byResident].map(([residentId, list]) => ({ residentId, incidents: list })),
    };
  }
}

/**
 * Where a task happens, as staff name it, in the report's open tasks and alerts alike: a visit's node; a transport's
 * room end (its destination first) — a lab sample is the resident's room's, not the lab's.
 */
export function placeNode(task: Task, rooms: ReadonlySet<string>): string | undefined {
  if (task.spec.kind === 'visit') return task.spec.atNode;
  if (task.spec.kind !== 'transport') return undefined;
  if (rooms.has(task.spec.to)) return task.spec.to;
  if (rooms.has(task.spec.from)) return task.spec.from;
  return task.spec.to;
}

function openTask(t: Task, rooms: ReadonlySet<string>): HandoverContent['openTasks'][number] {
  const node = placeNode(t, rooms);
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    priority: t.priority,
    performer: t.performer === 'staff' ? 'staff' : 'robot',
    ...(t.residentId ? { residentId: t.residentId } : {}),
    ...(node ? { roomNode: node } : {}),
    ...(t.earliestStart !== undefined ? { earliestStart: t.earliestStart } : {}),
    ...(t.deadline !== undefined ? { deadline: t.deadline } : {}),
  };
}
