import type { CustodyEntry } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { TypeormCustodyStore } from '../../apps/api/src/persistence/stores/typeorm-custody.store';
import { TypeormTaskStore } from '../../apps/api/src/persistence/stores/typeorm-task.store';
import { T0, aTask, created } from './persistence-fixtures';
import { SqliteTestDatabase } from './sqlite-test-database';

describe('TypeormCustodyStore on SQLite', () => {
  let db: SqliteTestDatabase;
  let dataSource: DataSource;
  let store: TypeormCustodyStore;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
    dataSource = await db.connect();
    store = new TypeormCustodyStore(dataSource);
    for (const id of ['med-1', 'med-2']) {
      const task = aTask({ id, type: 'medication' });
      await new TypeormTaskStore(dataSource).insert(task, created(task));
    }
  });

  afterEach(async () => {
    await db.cleanup();
  });

  it('keeps each delivery’s steps in the order they were recorded, optional fields absent when not given', async () => {
    const loaded: CustodyEntry = { taskId: 'med-1', step: 'loaded', at: T0 + 5, nodeId: 'F0-pharmacy', staffId: 'n1', robotId: 'r1', via: 'dashboard' };
    const other: CustodyEntry = { taskId: 'med-2', step: 'loaded', at: T0, nodeId: 'F0-pharmacy', staffId: 'n2', via: 'robot' };
    // Recorded later, at an earlier clock reading: the log keeps the order of recording.
    const arrived: CustodyEntry = { taskId: 'med-1', step: 'arrived', at: T0 + 1, nodeId: 'F1-R115', robotId: 'r1', via: 'robot', detail: 'waiting' };
    await store.append(loaded);
    await store.append(other);
    await store.append(arrived);

    expect(await store.list('med-1')).toStrictEqual([loaded, arrived]);
    expect(await store.list('med-2')).toStrictEqual([other]);
    expect(await store.list('nope')).toStrictEqual([]);
  });

  it('refuses a step for a task that does not exist', async () => {
    await expect(store.append({ taskId: 'ghost', step: 'loaded', at: T0, nodeId: 'X', staffId: 'n1', via: 'dashboard' })).rejects.toThrow();
  });
});
