import type { DataSource } from 'typeorm';
import { RequestKinds1765500000000 } from '../../apps/api/src/persistence/migrations/1765500000000-request-kinds';
import { TypeormTaskStore } from '../../apps/api/src/persistence/stores/typeorm-task.store';
import { aTask, created, T0 } from './persistence-fixtures';
import { SqliteTestDatabase } from './sqlite-test-database';

/**
 * The request-kinds migration on a file with keys in it (SQLite): the keys stored before it are tasks' and keep
 * replaying their tasks; a care plan's key is kept beside them, and undoing the migration forgets only those.
 */
describe('request kinds migration (medium: SQLite)', () => {
  let db: SqliteTestDatabase;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
  });

  afterEach(async () => {
    await db.cleanup();
  });

  const columns = async (dataSource: DataSource) => ((await dataSource.query(`PRAGMA table_info("task_request")`)) as { name: string; notnull: number }[]).map((c) => `${c.name}${c.notnull ? '!' : ''}`);

  async function undo(dataSource: DataSource): Promise<void> {
    const runner = dataSource.createQueryRunner();
    try {
      await new RequestKinds1765500000000().down(runner);
    } finally {
      await runner.release();
    }
    await dataSource.query(`DELETE FROM migrations WHERE name = ?`, [new RequestKinds1765500000000().name]);
  }

  it("keeps the tasks' keys of a file from before it, as tasks', and takes a care plan's beside them", async () => {
    const first = await db.connect();
    const store = new TypeormTaskStore(first);
    const meal = aTask({ id: 'meal-1' });
    await store.insert(meal, created(meal), { key: 'meal-key', fingerprint: 'meal-print' });
    await store.reserve({ key: 'plan-key', fingerprint: 'plan-print' }, { kind: 'care-plan', id: 'plan-1' }, T0);
    await undo(first);
    expect(await columns(first)).toEqual(['request_key!', 'task_id!', 'created_at!', 'fingerprint']);
    expect(await first.query(`SELECT request_key AS key FROM task_request`)).toEqual([{ key: 'meal-key' }]);
    await db.disconnect(first);

    const upgraded = new TypeormTaskStore(await db.connect());
    expect(await upgraded.requestFor('meal-key')).toEqual({ kind: 'task', id: 'meal-1', fingerprint: 'meal-print' });
    expect(await upgraded.requestFor('plan-key')).toBeUndefined();
    await upgraded.reserve({ key: 'plan-key', fingerprint: 'plan-print' }, { kind: 'care-plan', id: 'plan-1' }, T0);
    expect(await upgraded.requestFor('plan-key')).toEqual({ kind: 'care-plan', id: 'plan-1', fingerprint: 'plan-print' });
  });

  it('refuses a key reserved or stored already, whatever its kind', async () => {
    const store = new TypeormTaskStore(await db.connect());
    const meal = aTask({ id: 'meal-1' });
    await store.insert(meal, created(meal), { key: 'one-key', fingerprint: 'meal-print' });
    await expect(store.reserve({ key: 'one-key', fingerprint: 'plan-print' }, { kind: 'care-plan', id: 'plan-1' }, T0)).rejects.toThrow(/UNIQUE/);
    await store.reserve({ key: 'plan-key', fingerprint: 'plan-print' }, { kind: 'care-plan', id: 'plan-1' }, T0);
    await expect(store.reserve({ key: 'plan-key', fingerprint: 'plan-print' }, { kind: 'care-plan', id: 'plan-2' }, T0)).rejects.toThrow(/UNIQUE/);
    const other = aTask({ id: 'meal-2' });
    await expect(store.insert(other, created(other), { key: 'plan-key', fingerprint: 'meal-print' })).rejects.toThrow(/UNIQUE/);
    expect(await store.get('meal-2')).toBeUndefined();
    expect(await store.requestFor('plan-key')).toEqual({ kind: 'care-plan', id: 'plan-1', fingerprint: 'plan-print' });
  });
});
