import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { SHIFT_START_HOURS, shiftsBetween, type Shift } from './shift';

export const INCIDENT_KINDS = ['fall', 'near-fall', 'injury', 'wandering', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** How long an incident is followed up: a check in every shift for 72 hours. */
export const FOLLOW_UP_MS = 72 * 3_600_000;

/** What staff saw and when: an operational record (who, where, what happened), not a clinical assessment. */
export interface Incident {
  readonly id: string;
  readonly residentId: string;
  readonly wardId: string;
  readonly kind: IncidentKind;
  /** Epoch ms. */
  readonly occurredAt: number;
  readonly description: string;
  /** Staff user id. */
  readonly reportedBy: string;
  readonly createdAt: number;
}

export function validateIncident(incident: Incident): Incident {
  const problems: string[] = [];
  if (!INCIDENT_KINDS.includes(incident.kind)) problems.push(`kind: one of ${INCIDENT_KINDS.join(', ')}`);
  if (incident.description.trim() === '') problems.push('description: must not be empty');
  if (!Number.isFinite(incident.occurredAt) || incident.occurredAt > incident.createdAt) problems.push('occurredAt: must not be in the future');
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  return { ...incident, description: incident.description.trim() };
}

/** The id of an incident's n-th follow-up check task (1-based): fixed, so a retried report never makes one twice. */
export function followUpTaskId(incidentId: string, n: number): string {
  return `${incidentId}~check-${n}`;
}

/**
 * The follow-up checks: one in each shift from the one the incident is reported in to the one where its 72 hours end.
 * Each check may start at its shift's start (or now, for the current one) and is due at the shift's end.
 */
export function followUpChecks(
  incident: Incident,
  timeZone: string,
  startHours: readonly number[] = SHIFT_START_HOURS,
): { shift: Shift; earliestStart: number; deadline: number }[] {
  return shiftsBetween(incident.createdAt, incident.occurredAt + FOLLOW_UP_MS, timeZone, startHours).map((shift) => ({
    shift,
    earliestStart: Math.max(shift.start, incident.createdAt),
    deadline: shift.end,
  }));
}
