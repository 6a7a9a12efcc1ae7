import {
  DomainError,
  DomainErrorCode,
  dischargeResident,
  placeResident,
  validateWard,
  type Facility,
  type Resident,
  type ResidentInput,
  type Ward,
} from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { ResidentQuery, ResidentStore } from '../ports/resident-store.port';
import type { StaffDirectory, StaffMember } from '../ports/staff-directory.port';
import type { WardStore } from '../ports/ward-store.port';
import type { IdGenerator } from './id-generator';
import { requirePermission, type StaffIdentity } from './staff-roles';

/** Told when a resident moves or leaves, so their care plans' future tasks follow (CarePlanService). */
export interface ResidentChanges {
  residentChanged(resident: Resident, actor: StaffIdentity): Promise<void>;
}

/** Wards, residents and which staff work on which ward: the operational data care plans and the staff queue use. */
export class CareDirectoryService {
  private followers: ResidentChanges[] = [];

  constructor(
    private readonly wards: WardStore,
    private readonly residents: ResidentStore,
    private readonly staff: StaffDirectory,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  follow(follower: ResidentChanges): void {
    this.followers.push(follower);
  }

  listWards(): Promise<readonly Ward[]> {
    return this.wards.list();
  }

  async ward(id: string): Promise<Ward> {
    const ward = await this.wards.get(id);
    if (!ward) throw new DomainError(DomainErrorCode.WardNotFound, `ward ${id} not found`, 'id');
    return ward;
  }

  /** Creates or changes a ward. A room that residents live in cannot leave its ward while they do. */
  async saveWard(ward: Ward, actor: StaffIdentity): Promise<Ward> {
    requirePermission(actor, 'care.manage');
    const valid = validateWard(ward, this.facility, await this.wards.list());
    const living = await this.residents.list({ wardId: [ward.id] });
    const stranded = living.filter((r) => !valid.rooms.includes(r.roomId));
    if (stranded.length > 0) {
      throw new DomainError(DomainErrorCode.CareConflict, `rooms ${[...new Set(stranded.map((r) => r.roomId))].join(', ')} still have residents of ward ${ward.id}`, 'rooms');
    }
    await this.wards.save(valid);
    return valid;
  }

  listResidents(query: ResidentQuery): Promise<readonly Resident[]> {
    return this.residents.list(query);
  }

  async resident(id: string): Promise<Resident> {
    const resident = await this.residents.get(id);
    if (!resident) throw new DomainError(DomainErrorCode.ResidentNotFound, `resident ${id} not found`, 'id');
    return resident;
  }

  async admit(input: ResidentInput, actor: StaffIdentity): Promise<Resident> {
    requirePermission(actor, 'care.manage');
    const resident = placeResident(this.ids.next(), input, await this.context(), this.clock.now());
    await this.residents.save(resident);
    return resident;
  }

  /** Changes a resident (a move to another room or bed included); their plans' future tasks follow. */
  async update(id: string, input: ResidentInput, actor: StaffIdentity): Promise<Resident> {
    requirePermission(actor, 'care.manage');
    const previous = await this.resident(id);
    if (previous.status !== 'active') throw new DomainError(DomainErrorCode.CareConflict, `resident ${id} was discharged`, 'status');
    const resident = placeResident(id, input, await this.context(), this.clock.now(), previous);
    await this.residents.save(resident);
    for (const follower of this.followers) await follower.residentChanged(resident, actor);
    return resident;
  }

  /** The resident leaves: their plans stop and tasks not yet started are cancelled. */
  async discharge(id: string, actor: StaffIdentity): Promise<Resident> {
    requirePermission(actor, 'care.manage');
    const previous = await this.resident(id);
    if (previous.status === 'discharged') return previous;
    const resident = dischargeResident(previous, this.clock.now());
    await this.residents.save(resident);
    for (const follower of this.followers) await follower.residentChanged(resident, actor);
    return resident;
  }

  listStaff(): Promise<readonly StaffMember[]> {
    return this.staff.list();
  }

  async staffMember(id: string): Promise<StaffMember> {
    const member = await this.staff.get(id);
    if (!member) throw new DomainError(DomainErrorCode.StaffNotFound, `staff member ${id} not found`, 'id');
    return member;
  }

  async assignWards(staffId: string, wardIds: readonly string[], actor: StaffIdentity): Promise<StaffMember> {
    requirePermission(actor, 'staff.manage');
    await this.staffMember(staffId);
    const known = new Set((await this.wards.list()).map((w) => w.id));
    const unknown = wardIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, `unknown ward(s): ${unknown.join(', ')}`, 'wardIds');
    await this.staff.setWards(staffId, [...new Set(wardIds)].sort());
    return this.staffMember(staffId);
  }

  /** The wards a staff member works on; a manager without wards sees every ward. */
  async wardsOf(actor: StaffIdentity): Promise<readonly string[]> {
    const member = await this.staff.get(actor.id);
    if (member && member.wardIds.length > 0) return member.wardIds;
    return actor.role === 'manager' ? (await this.wards.list()).map((w) => w.id) : [];
  }

  private async context() {
    return { facility: this.facility, wards: await this.wards.list(), residents: await this.residents.list({}) };
  }
}
