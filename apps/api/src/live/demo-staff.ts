import type { NewStaffUser } from '@opiekun/application';

/**
 * Accounts a fresh database starts with, so the demo can be used at once (README, "Dashboard"). Change or remove
 * them before real use: they are created only when no staff account exists.
 */
export const DEMO_STAFF: readonly NewStaffUser[] = [
  { username: 'opiekunka', displayName: 'Anna Nowak', role: 'carer', password: 'opiekun-carer' },
  { username: 'pielegniarka', displayName: 'Ewa Kowalska', role: 'nurse', password: 'opiekun-nurse' },
  { username: 'kierownik', displayName: 'Piotr Wiśniewski', role: 'manager', password: 'opiekun-manager' },
];
