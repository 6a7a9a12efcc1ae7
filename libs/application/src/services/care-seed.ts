import { DomainError, DomainErrorCode, type CareActivity, type ResidentInput, type Ward } from '@opiekun/domain';
import type { StaffDirectory } from '../ports/staff-directory.port';
import type { WardStore } from '../ports/ward-store.port';
import type { CareDirectoryService } from './care-directory.service';
import type { CarePlanService } from './care-plan.service';
import type { StaffIdentity } from './staff-roles';

/** A care file (assets/care/FORMAT.md): what a fresh database starts with. */
export interface CareSeed {
  readonly facility: string;
  /** Default first date of the plans. */
  readonly startsOn: string;
  readonly wards: readonly Ward[];
  /** Username → ward ids. */
  readonly staffWards?: Readonly<Record<string, readonly string[]>>;
  readonly residents: readonly ResidentInput[];
  readonly carePlans: readonly {
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
  }[];
}

/** Seeding acts as the system with a manager's rights. */
const SEEDER: StaffIdentity = { id: 'system:care-seed', username: 'system', displayName: 'System', role: 'manager' };

/**
 * Loads a care file into a database that has no wards yet (first start); otherwise changes nothing, so staff edits
 * are never overwritten. Answers what it created.
 */
export async function seedCareWhenEmpty(
  seed: CareSeed,
  deps: { wards: WardStore; staff: StaffDirectory; directory: CareDirectoryService; plans: CarePlanService },
): Promise<{ wards: number; residents: number; plans: number }> {
  if ((await deps.wards.list()).length > 0) return { wards: 0, residents: 0, plans: 0 };
  for (const ward of seed.wards) await deps.directory.saveWard(ward, SEEDER);
  const residents = new Map<string, string>();
  for (const input of seed.residents) {
    const resident = await deps.directory.admit(input, SEEDER);
    residents.set(`${resident.roomId}/${resident.bed}`, resident.id);
  }
  for (const [username, wardIds] of Object.entries(seed.staffWards ?? {})) {
    const member = await deps.staff.findByUsername(username);
    if (member) await deps.staff.setWards(member.id, wardIds);
  }
  for (const plan of seed.carePlans) {
    const residentId = plan.resident ? residents.get(`${plan.resident.room}/${plan.resident.bed}`) : undefined;
    if (plan.resident && !residentId) {
      throw new DomainError(DomainErrorCode.CareInvalid, `care plan "${plan.title}": no resident in room ${plan.resident.room} bed ${plan.resident.bed}`, 'carePlans');
    }
    await deps.plans.create(
      {
        title: plan.title,
        residentId,
        wardId: plan.ward,
        rrule: plan.rrule,
        startsOn: plan.startsOn ?? seed.startsOn,
        endsOn: plan.endsOn,
        leadMin: plan.leadMin ?? 0,
        windowMin: plan.windowMin ?? 60,
        activity: plan.activity,
      },
      SEEDER,
    );
  }
  return { wards: seed.wards.length, residents: seed.residents.length, plans: seed.carePlans.length };
}
