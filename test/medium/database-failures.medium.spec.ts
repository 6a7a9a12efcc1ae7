import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/**
 * Real SQLite refusing writes — full (max_page_count, SQLite's own SQLITE_FULL) and locked by another program
 * (an EXCLUSIVE transaction held past the busy timeout) — over real HTTP: a clear 503, nothing half-written, and
 * everything works again once the database can be written.
 */
const MEAL = { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' };

describe('database refusals (medium: real SQLite, in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;

  beforeAll(async () => {
    api = await ApiInProcess.start({ DB_BUSY_TIMEOUT_MS: '300' });
    // A robot of the fleet that can do the meal, so creation reaches the database.
    expect((await api.request('POST', '/api/robots', { manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  const rows = async () => {
    const db = api.app.get(DataSource);
    const [tasks] = await db.query('SELECT COUNT(*) AS n FROM task');
    const [events] = await db.query('SELECT COUNT(*) AS n FROM task_event');
    return { tasks: Number(tasks.n), events: Number(events.n) };
  };

  it('refuses with 503 and keeps no part of a task when the disk is full, and takes tasks again when there is room', async () => {
    const db = api.app.get(DataSource);
    const [{ page_count: pages }] = await db.query('PRAGMA page_count');
    await db.query(`PRAGMA max_page_count = ${Number(pages)}`);
    let refused: { status: number; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 400 && !refused; i += 1) {
      const before = await rows();
      const response = await api.request('POST', '/api/tasks', { ...MEAL, note: `filler ${i} ${'x'.repeat(400)}` });
      const after = await rows();
      if (response.status === 201) {
        expect(after).toEqual({ tasks: before.tasks + 1, events: before.events + 2 });
      } else {
        refused = response;
        expect(after).toEqual(before);
      }
    }
    expect(refused).toMatchObject({ status: 503, body: { code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/disk is full: nothing was saved/) } });
    await db.query('PRAGMA max_page_count = 1073741823');
    expect((await api.request('POST', '/api/tasks', MEAL)).status).toBe(201);
  });

  it('refuses with 503 while another program holds the database locked, and works once it lets go', async () => {
    const other = new Database(api.dbPath);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const before = await rows();
      const started = Date.now();
      const response = await api.request('POST', '/api/tasks', MEAL);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(response).toMatchObject({ status: 503, body: { code: 'STORAGE_UNAVAILABLE', message: expect.stringMatching(/locked by another program/) } });
      other.exec('COMMIT');
      expect(await rows()).toEqual(before);
      expect((await api.request('POST', '/api/tasks', MEAL)).status).toBe(201);
      expect((await api.request('GET', '/health')).status).toBe(200);
    } finally {
      other.close();
    }
  });
});
