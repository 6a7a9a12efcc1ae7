import type { Facility } from '../facility/facility-graph';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { wardOfRoom, type Ward } from './ward';

/** How much help a resident needs day to day (operational, not a clinical score). */
export const CARE_LEVELS = ['independent', 'assisted', 'dependent', 'full-care'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];

/**
 * What dispatch and staff need to know about a resident: meals go to the bedside of a bed-bound resident, a fall-risk
 * resident's room is checked first on a patrol, a dementia-unit room may need a closed door behind the robot.
 */
export const RESIDENT_FLAGS = ['bed-bound', 'fall-risk', 'dementia-unit', 'wheelchair', 'isolation'] as const;
export type ResidentFlag = (typeof RESIDENT_FLAGS)[number];

/**
 * Operational data only: no diagnosis, no date of birth, no medication list. The display name is for staff screens;
 * it never goes to a robot (orders carry node ids and action types only).
 */
export interface Resident {
  readonly id: string;
  readonly displayName: string;
  readonly roomId: string;
  /** 1-based bed number within the room. */
  readonly bed: number;
  readonly wardId: string;
  readonly careLevel: CareLevel;
  readonly flags: readonly ResidentFlag[];
  readonly status: 'active' | 'discharged';
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ResidentInput {
  readonly displayName: string;
  readonly roomId: string;
  readonly bed: number;
  readonly careLevel: CareLevel;
  readonly flags?: readonly ResidentFlag[];
}

export interface ResidentContext {
  readonly facility: Facility;
  readonly wards: readonly Ward[];
  /** Active residents, to keep one resident per bed. */
  readonly residents: readonly Resident[];
}

/**
 * A resident as admitted or changed: the ward follows from the room. Bad fields → DomainError(CareInvalid); a bed
 * that another active resident has → DomainError(CareConflict).
 */
export function placeResident(id: string, input: ResidentInput, context: ResidentContext, now: number, previous?: Resident): Resident {
  const problems: string[] = [];
  const room = context.facility.findRoom(input.roomId);
  if (input.displayName.trim() === '') problems.push('displayName: must not be empty');
  if (!room) problems.push(`roomId: unknown room "${input.roomId}"`);
  else if (!Number.isInteger(input.bed) || input.bed < 1 || input.bed > room.beds) problems.push(`bed: room ${room.id} has beds 1–${room.beds}`);
  const ward = room ? wardOfRoom(context.wards, room.id) : undefined;
  if (room && !ward) problems.push(`roomId: room "${room.id}" belongs to no ward`);
  if (!CARE_LEVELS.includes(input.careLevel)) problems.push(`careLevel: one of ${CARE_LEVELS.join(', ')}`);
  const flags = [...new Set(input.flags ?? [])];
  for (const flag of flags) if (!RESIDENT_FLAGS.includes(flag)) problems.push(`flags: unknown flag "${flag}"`);
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  const occupant = context.residents.find((r) => r.id !== id && r.status === 'active' && r.roomId === input.roomId && r.bed === input.bed);
  if (occupant) throw new DomainError(DomainErrorCode.CareConflict, `bed ${input.bed} of room ${input.roomId} is taken`, 'bed');
  return {
    id,
    displayName: input.displayName.trim(),
    roomId: input.roomId,
    bed: input.bed,
    wardId: ward!.id,
    careLevel: input.careLevel,
    flags: flags.sort(),
    status: 'active',
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

export function dischargeResident(resident: Resident, now: number): Resident {
  return { ...resident, status: 'discharged', updatedAt: now };
}
