import type { StaffIdentity } from '../services/staff-roles';

/** A staff account with the wards it works on (the staff queue and ward alerts are per ward). */
export interface StaffMember extends StaffIdentity {
  readonly wardIds: readonly string[];
}

export abstract class StaffDirectory {
  /** By display name. */
  abstract list(): Promise<readonly StaffMember[]>;
  abstract get(id: string): Promise<StaffMember | undefined>;
  abstract findByUsername(username: string): Promise<StaffMember | undefined>;
  abstract setWards(staffId: string, wardIds: readonly string[]): Promise<void>;
}
