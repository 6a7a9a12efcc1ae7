import { DomainErrorCode } from '@opiekun/domain';
import { can, requirePermission, STAFF_PERMISSIONS, type StaffPermission, type StaffRole } from './staff-roles';

const table: [StaffPermission, boolean, boolean, boolean][] = [
  //                 carer  nurse  manager
  ['task.create', true, true, true],
  ['task.cancel', true, true, true],
  ['alert.acknowledge', true, true, true],
  ['robot.pause', true, true, true],
  ['fleet.stop', true, true, true],
  ['robot.resume', false, true, true],
  ['robot.charge', false, true, true],
  ['robot.service', false, true, true],
  ['robot.register', false, true, true],
  ['fleet.resume', false, false, true],
  ['task.claim', true, true, true],
  ['care.manage', false, true, true],
  ['staff.manage', false, false, true],
];

describe('staff roles', () => {
  it('lists every permission in the table', () => {
    expect(table.map(([p]) => p).sort()).toEqual([...STAFF_PERMISSIONS].sort());
  });

  it.each(table)('%s: carer %s, nurse %s, manager %s', (permission, carer, nurse, manager) => {
    const roles: [StaffRole, boolean][] = [
      ['carer', carer],
      ['nurse', nurse],
      ['manager', manager],
    ];
    for (const [role, allowed] of roles) expect({ role, allowed: can({ role }, permission) }).toEqual({ role, allowed });
  });

  it('explains a refusal in words', () => {
    expect(() => requirePermission({ id: 'n', username: 'n', displayName: 'N', role: 'nurse' }, 'fleet.resume')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden, message: 'a nurse may not resume the fleet (managers only)' }),
    );
  });
});
