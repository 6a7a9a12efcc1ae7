import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { StaffDirectory } from '@opiekun/application';
import { loadFacility } from '@opiekun/domain';
import Database from 'better-sqlite3';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { SqliteTestDatabase } from './sqlite-test-database';

/**
 * A care file goes into a fresh database whole or not at all (real SQLite, the api in process): a write that fails
 * half-way is rolled back, so the next start on the same database seeds it whole instead of finding a ward and taking
 * the half-seeded data as its own. (A file with a mistake is refused before the database is opened: care-file.spec.ts,
 * and test/e2e/startup-refusals.e2e.spec.ts for the api's exit.)
 */
const ROOT = join(__dirname, '../..');
const DEMO = join(ROOT, 'assets/care/mco-demo-care.json');
const facility = loadFacility(JSON.parse(readFileSync(join(ROOT, 'assets/facilities/mco-demo.json'), 'utf8')));

describe('care file seeding (medium: real SQLite)', () => {
  jest.setTimeout(30_000);
  let db: SqliteTestDatabase;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
    // The schema as the api makes it, so a trigger can be put on it before the api starts.
    await db.disconnect(await db.connect());
  });
  afterEach(() => db.cleanup());

  /** The api on the database file with this care file; no broker (a URL nobody listens on), no HTTP. */
  const start = async (careFile: string): Promise<INestApplication> => {
    const config = loadConfig({ DB_PATH: db.dbPath, SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: careFile, MQTT_URL: 'mqtt://127.0.0.1:1' });
    const app = await NestFactory.create(AppModule.forRoot(config, facility, { mode: 'external', url: 'mqtt://127.0.0.1:1' }), { logger: false, abortOnError: false });
    try {
      await app.init();
    } catch (error) {
      await app.close();
      throw error;
    }
    return app;
  };
  const withFile = <T>(work: (file: Database.Database) => T): T => {
    const file = new Database(db.dbPath);
    try {
      return work(file);
    } finally {
      file.close();
    }
  };
  const count = (table: string) => withFile((file) => (file.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
  const care = () => ({ wards: count('ward'), residents: count('resident'), plans: count('care_plan'), staffWards: count('staff_ward') });
  const EMPTY = { wards: 0, residents: 0, plans: 0, staffWards: 0 };

  it('rolls back a seed that fails half-way, and the next start seeds the whole file', async () => {
    // The 41st plan's insert fails as a full disk would: after the wards, residents, staff wards and 40 plans.
    withFile((file) => file.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON care_plan WHEN (SELECT COUNT(*) FROM care_plan) >= 40 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`));
    await expect(start(DEMO)).rejects.toThrow(/^CARE_FILE=.*mco-demo-care\.json: could not be stored, and nothing of it was: .*full/);
    expect(care()).toEqual(EMPTY);

    withFile((file) => file.exec('DROP TRIGGER disk_full'));
    const app = await start(DEMO);
    try {
      expect(care()).toEqual({ wards: 2, residents: 40, plans: 68, staffWards: 3 });
      expect((await app.get(StaffDirectory).findByUsername('pielegniarka'))?.wardIds).toEqual(['F1', 'F2']);
    } finally {
      await app.close();
    }
  });
});
