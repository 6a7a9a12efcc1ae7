import type { DataSource } from 'typeorm';
import { TypeormRobotStore } from '../../apps/api/src/persistence/stores/typeorm-robot.store';
import { TypeormTaskStore } from '../../apps/api/src/persistence/stores/typeorm-task.store';
import { T0, aRobot, aTask, created } from './persistence-fixtures';
import { SqliteTestDatabase } from './sqlite-test-database';

/** Counts the statements better-sqlite3 prepares on the DataSource's connection from now on. */
function countPrepares(dataSource: DataSource): { readonly count: number } {
  const connection = (dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): unknown } }).databaseConnection;
  const prepare = connection.prepare.bind(connection);
  const seen = { count: 0 };
  connection.prepare = (sql: string) => {
    seen.count += 1;
    return prepare(sql);
  };
  return seen;
}

describe('numbers are bound as parameters, not written into the SQL (TypeORM SQLite drivers inline them)', () => {
  let db: SqliteTestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
    dataSource = await db.connect();
  });
  afterEach(() => db.cleanup());

  it('a robot written 50 times with a new position, charge and time each is one statement, prepared once', async () => {
    const store = new TypeormRobotStore(dataSource);
    const robot = aRobot({ serialNumber: 'r1', connection: 'ONLINE' });
    await store.save(robot);
    const prepares = countPrepares(dataSource);
    for (let i = 1; i <= 50; i += 1) {
      await store.save({ ...robot, pose: { x: i * 0.37, y: -i, theta: i / 100, floor: 'floor-1' }, battery: 100 - i * 0.5, lastSeenAt: T0 + i * 1000 });
    }
    // before: 50 statements, each with its numbers in the text, each prepared (0.1–0.3 ms on the event loop)
    expect(prepares.count).toBe(0);
    expect((await store.get(robot.id))?.pose).toEqual({ x: 50 * 0.37, y: -50, theta: 0.5, floor: 'floor-1' });
  });

  it('stores what an SQL literal stored, by the column type: whole numbers in an integer column as integers, the rest as reals, exactly', async () => {
    const store = new TypeormRobotStore(dataSource);
    const robot = aRobot({ serialNumber: 'r2', connection: 'ONLINE', pose: { x: 12, y: -3.75, theta: 0, floor: 'floor-1' }, battery: 87.5, lastSeenAt: T0 + 123 });
    await store.save(robot);
    const [row] = await dataSource.query(`SELECT typeof(pose_x) AS x, typeof(pose_y) AS y, typeof(battery) AS battery, typeof(last_seen_at) AS seen, last_seen_at AS seenAt FROM robot WHERE id = ?`, [robot.id]);
    expect(row).toEqual({ x: 'real', y: 'real', battery: 'real', seen: 'integer', seenAt: T0 + 123 });
    expect(await store.get(robot.id)).toEqual(robot);
  });

  it('binds a whole number as SQLite reads an integer literal, a fraction as a real, and refuses NaN', async () => {
    const ask = (n: number) =>
      dataSource.createQueryBuilder().fromDummy().select('typeof(:n)', 'type').addSelect(':n / 2', 'half').addSelect("CAST(:n AS TEXT)", 'text').setParameters({ n }).getRawOne();
    // a double 5 would be typeof 'real', 5 / 2 = 2.5 and '5.0' as text
    expect(await ask(5)).toEqual({ type: 'integer', half: 2, text: '5' });
    expect(await ask(2.5)).toEqual({ type: 'real', half: 1.25, text: '2.5' });
    expect(await ask(-1_763_900_000_123)).toEqual({ type: 'integer', half: -881_950_000_061, text: '-1763900000123' });
    await expect(ask(Number.NaN)).rejects.toThrow(/NaN is not a number SQLite can store/);
  });

  it('a task update still finds its row by a number (the optimistic check on updated_at) and refuses a stale one', async () => {
    const store = new TypeormTaskStore(dataSource);
    const task = aTask({ id: 't-1', createdAt: T0, updatedAt: T0 });
    await store.insert(task, created(task));
    const prepares = countPrepares(dataSource);
    let updatedAt = T0;
    for (let i = 1; i <= 10; i += 1) {
      const next = { ...task, attempt: i, updatedAt: T0 + i };
      await store.save(next, [], updatedAt);
      updatedAt = next.updatedAt;
    }
    expect((await store.get('t-1'))?.attempt).toBe(10);
    await expect(store.save({ ...task, updatedAt: T0 + 99 }, [], T0 + 5)).rejects.toThrow();
    // the update, BEGIN, COMMIT and the outbox check: a handful, not one per save
    expect(prepares.count).toBeLessThanOrEqual(6);
  });
});
