import type { StaffUser } from '../services/staff-roles';

/** Staff accounts for the light sign-in of the dashboard. */
export abstract class StaffUserStore {
  abstract findByUsername(username: string): Promise<StaffUser | undefined>;
  abstract count(): Promise<number>;
  abstract insert(user: StaffUser): Promise<void>;
}
