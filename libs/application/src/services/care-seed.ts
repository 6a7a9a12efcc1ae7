import {
  DomainError,
  DomainErrorCode,
  placeResident,
  validateCarePlan,
  validateWard,
  type CareActivity,
  type CarePlan,
  type Facility,
  type PlanScope,
  type Resident,
  type ResidentInput,
  type Ward,
} from '@opiekun/domain';
import type { CareRecords, CareSeedStore } from '../ports/care-seed-store.port';
import type { StaffDirectory } from '../ports/staff-directory.port';
import type { IdGenerator } from './id-generator';

/** A care file (assets/care/FORMAT.md) as its schema lets it through: what a fresh database starts with. */
export interface CareSeed {
  readonly facility: string;
  /** Default first date of the plans. */
  readonly startsOn: string;
  readonly wards: readonly Ward[];
  /** Username → ward ids. */
  readonly staffWards?: Readonly<Record<string, readonly string[]>>;
  readonly residents: readonly ResidentInput[];
  readonly carePlans: readonly CareSeedPlan[];
}

export interface CareSeedPlan {
  readonly title: string;
  readonly ward?: string;
  /** The resident in that bed. */
  readonly resident?: { readonly room: string; readonly bed: number };
  readonly rrule: string;
  readonly startsOn?: string;
  readonly endsOn?: string;
  readonly leadMin?: number;
  readonly windowMin?: number;
  readonly activity: CareActivity;
}

/** A care file's records, checked; staff are still named by username (their accounts are looked up when seeding). */
export interface CheckedCare extends Omit<CareRecords, 'staffWards'> {
  readonly staffWards: Readonly<Record<string, readonly string[]>>;
}

/**
 * Checks every entry of a care file by the rules REST applies to wards, residents and care plans, against the
 * facility and the file's own wards and residents (nothing in a database), and builds the records it makes. Every
 * problem is listed in one DomainError(CareInvalid), each naming its entry: `carePlans[3].activity.atNode: unknown
 * node "X"`. Plans are checked as at `now`, as REST checks them when they are made; `dated: false` checks each plan's
 * schedule from its own start only, for a file that is not stored (a plan that has run out since is no mistake then).
 */
export function checkCareSeed(seed: CareSeed, facility: Facility, ids: IdGenerator, now: number, { dated = true } = {}): CheckedCare {
  const problems: string[] = [];
  const report = (entry: string) => (error: unknown) => problems.push(...entryProblems(entry, error));
  if (seed.facility !== facility.id) problems.push(`facility: "${seed.facility}" is not the loaded facility "${facility.id}"`);
  // An entry that names a refused one is not checked further: its problems would only repeat that one's.
  const { wards, refusedRooms } = checkWards(seed.wards, facility, problems, report);
  const residents: Resident[] = [];
  const refusedBeds = new Set<string>();
  seed.residents.forEach((input, i) => {
    const bed = `${input.roomId}/${input.bed}`;
    const refuse = (error: unknown) => {
      refusedBeds.add(bed);
      report(`residents[${i}]`)(error);
    };
    if (refusedRooms.has(input.roomId)) refusedBeds.add(bed);
    else attempt(() => residents.push(placeResident(ids.next(), input, { facility, wards, residents }, now)), refuse);
  });
  const listed = new Set(seed.wards.map((w) => w.id));
  for (const [username, wardIds] of Object.entries(seed.staffWards ?? {})) {
    wardIds.forEach((id, k) => {
      if (!listed.has(id)) problems.push(`staffWards.${username}[${k}]: unknown ward "${id}"`);
    });
  }
  const refusedWards = new Set([...listed].filter((id) => !wards.some((w) => w.id === id)));
  const namesRefused = (entry: CareSeedPlan) => (entry.resident ? refusedBeds.has(`${entry.resident.room}/${entry.resident.bed}`) : refusedWards.has(entry.ward ?? ''));
  const plans: CarePlan[] = [];
  seed.carePlans.forEach((entry, i) => {
    const scope = planScope(entry, wards, residents);
    if (typeof scope !== 'string') attempt(() => plans.push(checkPlan(entry, scope, { seed, facility, id: ids.next(), now, dated })), report(`carePlans[${i}]`));
    else if (!namesRefused(entry)) problems.push(`carePlans[${i}].${scope}`);
  });
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  return { wards, residents, plans, staffWards: seed.staffWards ?? {} };
}

function checkWards(inputs: readonly Ward[], facility: Facility, problems: string[], report: (entry: string) => (error: unknown) => void) {
  const wards: Ward[] = [];
  const refusedRooms = new Set<string>();
  inputs.forEach((input, i) => {
    const first = inputs.findIndex((w) => w.id === input.id);
    const refused = () => input.rooms.forEach((room) => refusedRooms.add(room));
    if (first < i) {
      problems.push(`wards[${i}].id: ward "${input.id}" is listed already (wards[${first}])`);
      refused();
    } else {
      attempt(
        () => wards.push(validateWard(input, facility, wards)),
        (error) => {
          refused();
          report(`wards[${i}]`)(error);
        },
      );
    }
  });
  return { wards, refusedRooms };
}

/** The ward or resident a plan is for, or what is wrong with how it names them (`field: what`). */
function planScope(entry: CareSeedPlan, wards: readonly Ward[], residents: readonly Resident[]): PlanScope | string {
  if ((entry.ward === undefined) === (entry.resident === undefined)) return 'ward: give either ward (a ward\'s plan) or resident {room, bed} (a resident\'s plan)';
  if (entry.resident) {
    const { room, bed } = entry.resident;
    const resident = residents.find((r) => r.roomId === room && r.bed === bed);
    const ward = resident && wards.find((w) => w.id === resident.wardId);
    return resident && ward ? { resident, ward } : `resident: no resident of this file in room ${room} bed ${bed}`;
  }
  const ward = wards.find((w) => w.id === entry.ward);
  return ward ? { ward } : `ward: unknown ward "${entry.ward}"`;
}

function checkPlan(entry: CareSeedPlan, within: PlanScope, context: { seed: CareSeed; facility: Facility; id: string; now: number; dated: boolean }): CarePlan {
  const { seed, facility, id, now, dated } = context;
  const valid = validateCarePlan(
    {
      title: entry.title,
      residentId: within.resident?.id,
      wardId: within.resident ? undefined : within.ward.id,
      rrule: entry.rrule,
      startsOn: entry.startsOn ?? seed.startsOn,
      endsOn: entry.endsOn,
      leadMin: entry.leadMin ?? 0,
      windowMin: entry.windowMin ?? 60,
      activity: entry.activity,
    },
    within,
    facility,
    // No robot is known when the file is checked (before anything starts), so an activity is not judged by a fleet.
    dated ? { now, fleet: [] } : undefined,
  );
  return { ...valid, id, active: true, version: 1, createdAt: now, updatedAt: now };
}

function attempt(work: () => unknown, onError: (error: unknown) => void): void {
  try {
    work();
  } catch (error) {
    onError(error);
  }
}

/** A domain error's problems (`field: what`) as the entry's: `wards[1].rooms: …`; a bug is not a problem of the file. */
function entryProblems(entry: string, error: unknown): string[] {
  if (!(error instanceof DomainError)) throw error;
  return error.details ? error.details.map((line) => `${entry}.${line}`) : [`${entry}: ${error.message}`];
}

/** What became of a care file at start-up. */
export type CareSeedOutcome =
  | { readonly seeded: true; readonly care: CheckedCare; readonly unknownStaff: readonly string[] }
  /** `problems`: what is wrong with the file by the rules that do not depend on the day. */
  | { readonly seeded: false; readonly problems: readonly string[] };

/**
 * Stores a care file into a database that has no ward yet (first start), all of it or nothing, checked as at `now`:
 * a plan that no longer occurs is refused there, as REST refuses it. A database with wards already is left as it
 * is, so staff edits are never overwritten, and the file, no longer used, is only checked by the rules that do not
 * depend on the day: a plan run out since it was stored (or a mistake made in the file since) must not stop a
 * restart, so its problems are answered, not thrown. A file that is refused throws DomainError(CareInvalid) listing
 * every problem. Staff accounts the file names that do not exist are left out and answered.
 */
export async function seedCareWhenEmpty(
  seed: CareSeed,
  deps: { store: CareSeedStore; staff: StaffDirectory; facility: Facility; ids: IdGenerator; now: number },
): Promise<CareSeedOutcome> {
  const { store, staff, facility, ids, now } = deps;
  if (await store.hasWards()) return { seeded: false, problems: problemsOf(() => checkCareSeed(seed, facility, ids, now, { dated: false })) };
  const care = checkCareSeed(seed, facility, ids, now);
  const staffWards = new Map<string, readonly string[]>();
  const unknownStaff: string[] = [];
  for (const [username, wardIds] of Object.entries(care.staffWards)) {
    const member = await staff.findByUsername(username);
    if (member) staffWards.set(member.id, [...new Set(wardIds)].sort());
    else unknownStaff.push(username);
  }
  // Another instance on the same database may have seeded it since it was asked.
  if (!(await store.seedWhenEmpty({ ...care, staffWards }))) return { seeded: false, problems: [] };
  return { seeded: true, care, unknownStaff };
}

function problemsOf(check: () => unknown): readonly string[] {
  try {
    check();
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.details ?? [error.message];
  }
}
