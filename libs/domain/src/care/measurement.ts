import { DomainError, DomainErrorCode } from '../shared/domain-error';

/**
 * A robot's measurement (a vitals round…) as Opiekun keeps it: the robot's own words, verbatim, never parsed,
 * compared or scored — Opiekun makes no clinical decision. It is `preliminary` until a nurse reviews it: `final`
 * when she confirms it, `entered-in-error` when she rejects it (the FHIR Observation status names). Only a nurse.
 */
export const MEASUREMENT_STATUSES = ['preliminary', 'final', 'entered-in-error'] as const;
export type MeasurementStatus = (typeof MEASUREMENT_STATUSES)[number];

/** Longest robot report kept; the rest is cut (and marked) rather than refused. */
export const MEASUREMENT_TEXT_MAX = 500;
export const MEASUREMENT_REVIEW_ROLE = 'nurse';

export interface Measurement {
  readonly id: string;
  readonly taskId: string;
  /** The VDA 5050 action that measured: one measurement per task and action, however often the robot repeats its state. */
  readonly actionId: string;
  readonly robotId: string;
  readonly residentId?: string;
  readonly wardId?: string;
  /** The VDA 5050 action that measured (e.g. measureVitals). */
  readonly actionType: string;
  /** The robot's `resultDescription`, as reported. */
  readonly text: string;
  /** Epoch ms: when Opiekun received it. */
  readonly at: number;
  readonly status: MeasurementStatus;
  readonly reviewedBy?: string;
  readonly reviewedAt?: number;
  /** Why a nurse rejected it. */
  readonly reviewNote?: string;
}

/** A finished measuring action's report → a preliminary measurement (text kept verbatim, cut at the limit). */
export function preliminaryMeasurement(input: Omit<Measurement, 'status' | 'text'> & { result: string }): Measurement {
  const { result, ...rest } = input;
  const text = result.length > MEASUREMENT_TEXT_MAX ? `${result.slice(0, MEASUREMENT_TEXT_MAX - 1)}…` : result;
  return { ...rest, text, status: 'preliminary' };
}

/**
 * A nurse confirms (→ final) or rejects (→ entered-in-error) a preliminary measurement.
 * @throws DomainError Forbidden (not a nurse), CareConflict (reviewed already)
 */
export function reviewMeasurement(
  measurement: Measurement,
  decision: 'confirm' | 'reject',
  reviewer: { readonly staffId: string; readonly role: string },
  at: number,
  note?: string,
): Measurement {
  if (reviewer.role !== MEASUREMENT_REVIEW_ROLE) {
    throw new DomainError(DomainErrorCode.Forbidden, `only a nurse confirms or rejects a robot's measurement (${reviewer.staffId} is ${reviewer.role})`, 'role');
  }
  if (measurement.status !== 'preliminary') throw new DomainError(DomainErrorCode.CareConflict, `measurement ${measurement.id} is ${measurement.status} already`, 'status');
  return {
    ...measurement,
    status: decision === 'confirm' ? 'final' : 'entered-in-error',
    reviewedBy: reviewer.staffId,
    reviewedAt: at,
    ...(note?.trim() ? { reviewNote: note.trim() } : {}),
  };
}
