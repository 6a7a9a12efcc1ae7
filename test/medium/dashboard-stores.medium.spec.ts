import { TypeormAlertStore } from '../../apps/api/src/persistence/stores/typeorm-alert.store';
import { TypeormSettingStore } from '../../apps/api/src/persistence/stores/typeorm-setting.store';
import { TypeormStaffUserStore } from '../../apps/api/src/persistence/stores/typeorm-staff-user.store';
import { SqliteTestDatabase } from './sqlite-test-database';

describe('dashboard stores on SQLite', () => {
  let db: SqliteTestDatabase;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
  });

  afterEach(async () => {
    await db.cleanup();
  });

  it('keeps an alert once, lists open ones newest first, and keeps an acknowledgement across a restart', async () => {
    const alerts = new TypeormAlertStore(await db.connect());
    const base = { kind: 'robot-offline' as const, severity: 'warning' as const, message: 'offline' };
    expect(await alerts.insertIfNew({ ...base, id: 'a1', at: 1_763_900_000_000, robotId: 'M:r1' })).toBe(true);
    expect(await alerts.insertIfNew({ ...base, id: 'a1', at: 1_763_900_000_000, message: 'again' })).toBe(false);
    expect(await alerts.insertIfNew({ ...base, id: 'a2', at: 1_763_900_060_000, taskId: 't1', severity: 'stat' })).toBe(true);
    await alerts.save({ ...(await alerts.get('a1'))!, acknowledgedAt: 1_763_900_100_000, acknowledgedBy: 'u1', acknowledgedByName: 'Ewa' });

    const reopened = new TypeormAlertStore(await db.connect());
    expect((await reopened.list({ openOnly: false, limit: 10 })).map((a) => a.id)).toEqual(['a2', 'a1']);
    expect((await reopened.list({ openOnly: true, limit: 10 })).map((a) => a.id)).toEqual(['a2']);
    expect((await reopened.list({ openOnly: false, since: 1_763_900_030_000, limit: 10 })).map((a) => a.id)).toEqual(['a2']);
    expect(await reopened.get('a1')).toEqual({ ...base, id: 'a1', at: 1_763_900_000_000, robotId: 'M:r1', taskId: undefined, acknowledgedAt: 1_763_900_100_000, acknowledgedBy: 'u1', acknowledgedByName: 'Ewa' });
  });

  it('finds staff by username, which is unique', async () => {
    const users = new TypeormStaffUserStore(await db.connect());
    const user = { id: 'u1', username: 'ewa', displayName: 'Ewa', role: 'nurse' as const, passwordHash: 'scrypt$…', createdAt: 1_763_900_000_000 };
    await users.insert(user);
    expect(await users.findByUsername('ewa')).toEqual(user);
    expect(await users.findByUsername('anna')).toBeUndefined();
    expect(await users.count()).toBe(1);
    await expect(users.insert({ ...user, id: 'u2' })).rejects.toThrow();
  });

  it('puts, replaces and removes settings', async () => {
    const settings = new TypeormSettingStore(await db.connect());
    await settings.put('k', 'one');
    await settings.put('k', 'two');
    expect(await settings.get('k')).toBe('two');
    await settings.put('k', undefined);
    expect(await settings.get('k')).toBeUndefined();
  });
});
