import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WalCheckpointer } from '../../apps/api/src/persistence/wal-checkpointer';

describe('WalCheckpointer (WAL checkpoints in a worker thread)', () => {
  let dir: string;
  let dbPath: string;
  let db: Database.Database;
  let checkpointer: WalCheckpointer;

  const write = (from: number, count: number) => {
    const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
    for (let i = from; i < from + count; i++) insert.run(i, 'x'.repeat(500));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-wal-'));
    dbPath = join(dir, 'db.sqlite');
    db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    // A timer checkpoint must not race the test's own: one an hour.
    checkpointer = new WalCheckpointer(db, { dbPath, everyMs: 3_600_000 });
  });

  afterEach(async () => {
    await checkpointer.stop();
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes checkpoints off the api connection while it runs, and gives them back when stopped', async () => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    await checkpointer.start();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('copies every committed frame of the log into the database file, from its own connection', async () => {
    await checkpointer.start();
    write(0, 3000);

    const result = await checkpointer.checkpointNow();

    expect(result.log).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.log);
    // Everything committed is there, read by a third connection straight after.
    const reader = new Database(dbPath, { readonly: true });
    expect((reader.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(3000);
    reader.close();
  });

  it('lets the log start over after a complete checkpoint, so the WAL does not grow without end', async () => {
    await checkpointer.start();
    write(0, 3000);
    const first = await checkpointer.checkpointNow();
    write(3000, 10);

    const second = await checkpointer.checkpointNow();

    expect(second.log).toBeLessThan(first.log);
    expect(second.checkpointed).toBe(second.log);
  });
});
