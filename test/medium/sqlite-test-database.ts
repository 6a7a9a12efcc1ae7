import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, createSqliteDataSource } from '../../apps/api/src/persistence/data-source';

/** A real SQLite file in a fresh temporary directory; every DataSource opened here is closed by `cleanup`. */
export class SqliteTestDatabase {
  private readonly open = new Set<DataSource>();

  private constructor(
    readonly dir: string,
    readonly dbPath: string,
  ) {}

  static async create(fileName = 'opiekun.sqlite'): Promise<SqliteTestDatabase> {
    const dir = await mkdtemp(join(tmpdir(), 'opiekun-medium-'));
    return new SqliteTestDatabase(dir, join(dir, fileName));
  }

  /** Opens the file as the api does: migrations run during `initialize`. */
  async connect(): Promise<DataSource> {
    const dataSource = createSqliteDataSource(createDataSourceOptions({ dbPath: this.dbPath }));
    await dataSource.initialize();
    this.open.add(dataSource);
    return dataSource;
  }

  async disconnect(dataSource: DataSource): Promise<void> {
    this.open.delete(dataSource);
    if (dataSource.isInitialized) await dataSource.destroy();
  }

  async cleanup(): Promise<void> {
    for (const dataSource of [...this.open]) await this.disconnect(dataSource);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Tables a migration created, leaving out SQLite's and TypeORM's bookkeeping. */
export async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name`,
  );
  return rows.map((r) => r.name);
}
