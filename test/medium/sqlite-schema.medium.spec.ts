import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, PERSISTENCE_MIGRATIONS } from '../../apps/api/src/persistence/data-source';
import { SqliteTestDatabase, userTables } from './sqlite-test-database';

const TABLES = ['alert', 'app_setting', 'care_plan', 'care_plan_occurrence', 'custody_entry', 'handover_report', 'incident', 'measurement', 'outbox', 'resident', 'robot', 'staff_user', 'staff_ward', 'task', 'task_event', 'task_request', 'ward'];

async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

async function pragma(dataSource: DataSource, name: string): Promise<unknown> {
  const rows: Record<string, unknown>[] = await dataSource.query(`PRAGMA ${name}`);
  return Object.values(rows[0] ?? {})[0];
}

describe('SQLite schema', () => {
  let db: SqliteTestDatabase;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
  });

  afterEach(async () => {
    await db.cleanup();
  });

  it('comes only from migrations, never from synchronize', () => {
    const options = createDataSourceOptions({ dbPath: db.dbPath });
    expect(options.synchronize).toBe(false);
    expect(options.migrationsRun).toBe(true);
  });

  it('is built by the migrations on a fresh file and matches the entities exactly', async () => {
    const dataSource = await db.connect();

    expect(await userTables(dataSource)).toEqual(TABLES);
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('reports a difference when the database drifts from the entities (the comparison above can fail)', async () => {
    const dataSource = await db.connect();
    await dataSource.query('DROP INDEX "IDX_task_priority"');

    expect(await pendingSchemaChanges(dataSource)).toEqual([expect.stringContaining('IDX_task_priority')]);
  });

  it('is removed entirely by undoing the migrations, and can be built again', async () => {
    const dataSource = await db.connect();

    for (let i = 0; i < PERSISTENCE_MIGRATIONS.length; i += 1) await dataSource.undoLastMigration();
    expect(await userTables(dataSource)).toEqual([]);
    const indexes = await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'IDX_%'`);
    expect(indexes).toEqual([]);

    await dataSource.runMigrations();
    expect(await userTables(dataSource)).toEqual(TABLES);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('runs each migration once, however often the file is opened', async () => {
    await db.disconnect(await db.connect());
    const reopened = await db.connect();

    const applied: { name: string }[] = await reopened.query('SELECT name FROM migrations');
    expect(applied.map((m) => m.name)).toEqual(PERSISTENCE_MIGRATIONS.map((m) => m.name));
  });

  it('opens the file in WAL mode with the connection pragmas set', async () => {
    const dataSource = await db.connect();

    expect(await pragma(dataSource, 'journal_mode')).toBe('wal');
    expect(await pragma(dataSource, 'busy_timeout')).toBe(5000);
    expect(await pragma(dataSource, 'synchronous')).toBe(1); // NORMAL
    expect(await pragma(dataSource, 'foreign_keys')).toBe(1);
    expect(existsSync(`${db.dbPath}-wal`)).toBe(true);
  });

  it('creates the directory of the database file when it is missing', async () => {
    const nested = await SqliteTestDatabase.create(join('not', 'yet', 'there', 'opiekun.sqlite'));
    try {
      const dataSource = await nested.connect();
      expect(await userTables(dataSource)).toEqual(TABLES);
      expect(existsSync(nested.dbPath)).toBe(true);
    } finally {
      await nested.cleanup();
    }
  });
  it('keeps the statements it prepared: a few hundred different ones are prepared once each, not again and again', async () => {
    // TypeORM writes a statement per pattern of DEFAULT columns and per row count; a running api uses about 300. The
    // driver keeps a first-in-first-out cache (TypeORM's default 100): smaller than that, every statement was prepared
    // again each time on the event loop.
    const dataSource = await db.connect();
    const connection = (dataSource.driver as unknown as { databaseConnection: { prepare: (sql: string) => unknown } }).databaseConnection;
    const prepare = jest.spyOn(connection, 'prepare');
    const statements = Array.from({ length: 400 }, (_, i) => `SELECT ${i} AS n`);
    for (const sql of statements) await dataSource.query(sql);
    expect(prepare).toHaveBeenCalledTimes(statements.length);
    prepare.mockClear();
    for (const sql of statements) await dataSource.query(sql);
    expect(prepare).not.toHaveBeenCalled();
  });
});
