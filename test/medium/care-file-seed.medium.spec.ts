import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
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
 * the half-seeded data as its own. Only a database that gets the file is refused a file with a mistake, or with a plan
 * that has run out; one seeded already starts and the log names what is wrong with the file it no longer uses. (The
 * api's exit: test/e2e/startup-refusals.e2e.spec.ts.)
 */
const ROOT = join(__dirname, '../..');
const DEMO = join(ROOT, 'assets/care/mco-demo-care.json');
const facility = loadFacility(JSON.parse(readFileSync(join(ROOT, 'assets/facilities/mco-demo.json'), 'utf8')));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the tests break files on purpose
const demo = (): Json => JSON.parse(readFileSync(DEMO, 'utf8')) as Json;
/** The demo file with three plans run out long ago: by endsOn, by an UNTIL and by a COUNT. */
const runOut = (): Json => {
  const care = demo();
  Object.assign(care.carePlans[0], { startsOn: '2025-01-01', endsOn: '2025-01-31' });
  Object.assign(care.carePlans[1], { startsOn: '2025-01-01', rrule: `${care.carePlans[1].rrule as string};UNTIL=20250201T000000Z` });
  Object.assign(care.carePlans[2], { startsOn: '2025-01-01', rrule: `${care.carePlans[2].rrule as string};COUNT=3` });
  return care;
};

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
  const start = async (careFile: string, logger: LoggerService | false = false): Promise<INestApplication> => {
    const config = loadConfig({ DB_PATH: db.dbPath, SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: careFile, MQTT_URL: 'mqtt://127.0.0.1:1' });
    const app = await NestFactory.create(AppModule.forRoot(config, facility, { mode: 'external', url: 'mqtt://127.0.0.1:1' }), { logger, abortOnError: false });
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
  const SEEDED = { wards: 2, residents: 40, plans: 68, staffWards: 3 };
  const careFile = (name: string, care: Json): string => {
    const path = join(db.dir, name);
    writeFileSync(path, JSON.stringify(care));
    return path;
  };
  /** Warnings the api logs (Nest's logger interface; the other levels are not looked at). */
  const warnings = (): LoggerService & { lines: string[] } => {
    const lines: string[] = [];
    const ignore = () => undefined;
    return { lines, log: ignore, error: ignore, warn: (message: unknown) => lines.push(String(message)) };
  };
  const startAndClose = async (file: string, logger: LoggerService | false = false) => (await start(file, logger)).close();

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

  it('a fresh database refuses a care file whose plans have run out, naming each, and stores nothing', async () => {
    const file = careFile('run-out.json', runOut());
    const refusal = start(file).then(
      async (app) => {
        await app.close();
        return 'started';
      },
      (error: Error) => error.message,
    );
    await expect(refusal).resolves.toMatch(new RegExp(`^CARE_FILE=${file}: carePlans\\[0\\]\\.rrule: no occurrence from `));
    for (const plan of [0, 1, 2]) await expect(refusal).resolves.toContain(`CARE_FILE=${file}: carePlans[${plan}].rrule: no occurrence from `);
    expect(care()).toEqual(EMPTY);
  });

  it('a seeded database starts (a restart after a power cut) when plans of its care file have run out since, and keeps its data', async () => {
    await startAndClose(DEMO);
    expect(care()).toEqual(SEEDED);
    const log = warnings();
    await startAndClose(careFile('run-out.json', runOut()), log);
    expect(care()).toEqual(SEEDED);
    // The day is not held against a file the database does not take.
    expect(log.lines.filter((line) => line.includes('CARE_FILE'))).toEqual([]);
  });

  it('a seeded database starts with a care file that has a mistake, and the log names it', async () => {
    await startAndClose(DEMO);
    const broken = demo();
    broken.wards[0].rooms.push('999');
    broken.carePlans[3].ward = 'F3';
    const file = careFile('broken.json', broken);
    const log = warnings();
    await startAndClose(file, log);
    expect(care()).toEqual(SEEDED);
    expect(log.lines.filter((line) => line.includes('CARE_FILE'))).toEqual([
      expect.stringMatching(new RegExp(`^CARE_FILE=${file}: wards\\[0\\]\\.rooms: unknown room "999" .*not used`)),
      expect.stringMatching(new RegExp(`^CARE_FILE=${file}: carePlans\\[3\\]\\.ward: unknown ward "F3" .*not used`)),
    ]);
  });
});
