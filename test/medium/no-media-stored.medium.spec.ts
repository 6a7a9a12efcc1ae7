import type { DataSource } from 'typeorm';
import { SqliteTestDatabase, userTables } from './sqlite-test-database';

/**
 * Not a medical device, and no recording: the schema has nowhere to keep an image, audio or video — no binary
 * column and no column named for media — so telepresence or patrol video cannot be stored by accident.
 */
describe('no video or image is stored (medium: the migrated schema)', () => {
  let db: SqliteTestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await SqliteTestDatabase.create();
    dataSource = await db.connect();
  });

  afterAll(async () => {
    await db.cleanup();
  });

  it('has no binary column and no column for images, audio or video in any table', async () => {
    const columns: string[] = [];
    for (const table of await userTables(dataSource)) {
      const info: { name: string; type: string }[] = await dataSource.query(`PRAGMA table_info("${table}")`);
      for (const column of info) columns.push(`${table}.${column.name}:${column.type.toLowerCase()}`);
    }
    expect(columns.length).toBeGreaterThan(50);
    expect(columns.filter((c) => /blob|binary|bytea/.test(c.split(':')[1]!))).toEqual([]);
    expect(columns.filter((c) => /video|image|photo|picture|snapshot|frame|audio|recording|stream|media/.test(c.split(':')[0]!))).toEqual([]);
  });
});
