import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../../apps/api/src/persistence/data-source';
import { backupDatabase, BackupError } from '../../apps/api/src/persistence/backup/online-backup';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/** The online backup of a database the api is writing to, and the documented restore (README, "Backup and restore"). */
describe('online backup and restore (medium: real SQLite, in-process api)', () => {
  jest.setTimeout(60_000);
  let api: ApiInProcess;
  let dir: string;

  beforeAll(async () => {
    api = await ApiInProcess.start();
    dir = mkdtempSync(join(tmpdir(), 'opiekun-backup-'));
    expect((await api.request('POST', '/api/robots', { manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = () => api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' });

  it('copies a consistent, checked snapshot while tasks keep being written, and the copy restores', async () => {
    for (let i = 0; i < 20; i += 1) expect((await post()).status).toBe(201);
    let writing = true;
    const writer = (async () => {
      let written = 0;
      while (writing) {
        expect((await post()).status).toBe(201);
        written += 1;
      }
      return written;
    })();
    const file = join(dir, 'during-writes.sqlite');
    const report = await backupDatabase(api.dbPath, file);
    writing = false;
    const writtenMeanwhile = await writer;
    expect(report.tasks).toBeGreaterThanOrEqual(20);
    expect(report.robots).toBe(1);
    expect(writtenMeanwhile).toBeGreaterThan(0);

    // Restore as documented: the api stopped, the copy put in place of the database, its -wal/-shm removed.
    const restored = join(dir, 'restored', 'opiekun.sqlite');
    mkdirSync(join(dir, 'restored'));
    copyFileSync(file, restored);
    const dataSource = new DataSource(createDataSourceOptions({ dbPath: restored }));
    await dataSource.initialize();
    try {
      const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM task');
      expect(Number(n)).toBe(report.tasks);
      const [{ integrity_check: integrity }] = await dataSource.query('PRAGMA integrity_check');
      expect(integrity).toBe('ok');
      const orphans = await dataSource.query('SELECT COUNT(*) AS n FROM task t WHERE NOT EXISTS (SELECT 1 FROM task_event e WHERE e.task_id = t.id)');
      expect(Number(orphans[0].n)).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });

  it('never overwrites a file and says what is wrong', async () => {
    const file = join(dir, 'twice.sqlite');
    await backupDatabase(api.dbPath, file);
    await expect(backupDatabase(api.dbPath, file)).rejects.toThrow(BackupError);
    await expect(backupDatabase(join(dir, 'missing.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow(/no database at/);
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
  });

  it('refuses a copy that fails its integrity check', async () => {
    const broken = join(dir, 'broken.sqlite');
    const db = new Database(broken);
    db.exec('CREATE TABLE task (id TEXT); CREATE TABLE robot (id TEXT);');
    db.close();
    // Scribble over the middle of the file: the schema page survives, the check does not.
    const fd = openSync(broken, 'r+');
    writeSync(fd, Buffer.alloc(2048, 0xff), 0, 2048, 4096);
    closeSync(fd);
    await expect(backupDatabase(broken, join(dir, 'from-broken.sqlite'))).rejects.toThrow(/integrity|malformed/);
  });
});
