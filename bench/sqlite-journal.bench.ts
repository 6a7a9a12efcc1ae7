import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench:sqlite`: single-row committed writes per second, as the api does them (one task transition per
 * transaction), with Opiekun's settings (WAL, synchronous=NORMAL) against SQLite's defaults (rollback journal,
 * synchronous=FULL), in the same run on the same disk. Prints rows/s and the ratio.
 */
interface Mode {
  readonly name: string;
  readonly pragmas: readonly string[];
}

const MODES: readonly Mode[] = [
  { name: 'default (journal=DELETE, synchronous=FULL)', pragmas: ['journal_mode = DELETE', 'synchronous = FULL'] },
  { name: 'opiekun (journal=WAL, synchronous=NORMAL)', pragmas: ['journal_mode = WAL', 'synchronous = NORMAL'] },
];

function measure(dir: string, mode: Mode, rows: number): number {
  const db = new Database(join(dir, `${mode.name.split(' ')[0]}.sqlite`));
  for (const pragma of mode.pragmas) db.pragma(pragma);
  db.exec('CREATE TABLE task_event (id INTEGER PRIMARY KEY, task_id TEXT NOT NULL, at INTEGER NOT NULL, to_status TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO task_event (task_id, at, to_status) VALUES (?, ?, ?)');
  const write = db.transaction((i: number) => insert.run(`task-${i}`, i, 'ready'));
  const started = process.hrtime.bigint();
  for (let i = 0; i < rows; i += 1) write(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return rows / seconds;
}

function main(): void {
  const rows = Number(process.argv[2] ?? 2_000);
  const dir = mkdtempSync(join(tmpdir(), 'opiekun-bench-sqlite-'));
  try {
    const [baseline, ours] = MODES.map((mode) => measure(dir, mode, rows));
    console.log(`single-row committed writes, ${rows} rows each, ${dir}`);
    console.log(`  ${MODES[0].name}: ${baseline.toFixed(0)} rows/s`);
    console.log(`  ${MODES[1].name}: ${ours.toFixed(0)} rows/s`);
    console.log(`  ratio: ${(ours / baseline).toFixed(1)}× the default`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
