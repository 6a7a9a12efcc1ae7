import type { Robot } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { TypeormRobotStore } from '../../apps/api/src/persistence/stores/typeorm-robot.store';
import { T0, aRobot } from './persistence-fixtures';
import { SqliteTestDatabase } from './sqlite-test-database';

const busy: Robot = aRobot({
  serialNumber: 'r2',
  name: 'Basia',
  model: 'CareBot 3',
  actions: ['pick', 'drop', 'announce'],
  instantActions: ['startPause', 'stopPause', 'cancelOrder'],
  orderLimits: { nodes: 40, idLength: 64, numericIds: true },
  speed: 1.25,
  connection: 'ONLINE',
  pose: { x: 12.5, y: -3.75, theta: 1.5707963267948966, floor: 'floor-1' },
  lastNodeId: 'corridor-1-3',
  battery: 87.5,
  charging: false,
  driving: true,
  paused: false,
  working: true,
  errors: [
    { type: 'lowBattery', level: 'WARNING', description: 'below 20 %' },
    { type: 'bumper', level: 'FATAL' },
  ],
  inService: true,
  currentTaskId: 't-42',
  lastSeenAt: T0 + 5_000,
});

describe('TypeormRobotStore on SQLite', () => {
  let db: SqliteTestDatabase;
  let dataSource: DataSource;
  let store: TypeormRobotStore;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
    dataSource = await db.connect();
    store = new TypeormRobotStore(dataSource);
  });

  afterEach(async () => {
    await db.cleanup();
  });

  it('round-trips a robot with every field, JSON lists and pose included', async () => {
    await store.save(busy);

    expect(await store.get(busy.id)).toStrictEqual(busy);
  });

  it('round-trips a robot with no optional field, leaving them absent', async () => {
    const fresh = aRobot({ serialNumber: 'r1' });
    await store.save(fresh);

    expect(await store.get('acme:r1')).toStrictEqual(fresh);
  });

  it('replaces the stored robot on a second save, clearing what the new version lacks', async () => {
    await store.save(busy);
    const { pose: _p, battery: _b, currentTaskId: _c, model: _m, ...rest } = busy;
    const offline: Robot = {
      ...rest,
      connection: 'OFFLINE',
      driving: false,
      working: false,
      errors: [],
      inService: false,
    };

    await store.save(offline);

    expect(await store.get(busy.id)).toStrictEqual(offline);
    expect(await store.list()).toHaveLength(1);
  });

  it('saves many robots at once, inserting the new and replacing the stored, more than one statement holds', async () => {
    await store.save(busy);
    const many = Array.from({ length: 250 }, (_, i) => aRobot({ serialNumber: `m${String(i).padStart(3, '0')}`, battery: i % 100 }));
    const moved: Robot = { ...busy, pose: { x: 1, y: 2, theta: 0, floor: 'floor-2' }, battery: 50 };

    await store.saveMany([moved, ...many]);

    expect(await store.get(busy.id)).toStrictEqual(moved);
    expect(await store.list()).toStrictEqual([...many, moved]);
  });

  it('lets the event loop run between the chunks of a large write', async () => {
    const many = Array.from({ length: 60 }, (_, i) => aRobot({ serialNumber: `m${String(i).padStart(3, '0')}` }));
    let turned = false;

    const written = store.saveMany(many).then(() => turned);
    setImmediate(() => {
      turned = true;
    });

    expect(await written).toBe(true);
    expect(await store.list()).toHaveLength(60);
  });

  it('writes a robot saved after a large write was asked for over that write, chunks or not', async () => {
    const many = Array.from({ length: 60 }, (_, i) => aRobot({ serialNumber: `m${String(i).padStart(3, '0')}` }));
    const older: Robot = { ...busy, battery: 10 };
    const newer: Robot = { ...busy, connection: 'OFFLINE', battery: 90 };

    await Promise.all([store.saveMany([...many, older]), store.save(newer)]);

    expect(await store.get(busy.id)).toStrictEqual(newer);
  });

  it('returns undefined for an unknown id', async () => {
    expect(await store.get('acme:nope')).toBeUndefined();
  });

  it('lists every robot by id', async () => {
    for (const serialNumber of ['r3', 'r1', 'r2']) await store.save(aRobot({ serialNumber }));

    expect((await store.list()).map((r) => r.id)).toEqual(['acme:r1', 'acme:r2', 'acme:r3']);
  });

  it('keeps robots across a restart', async () => {
    await store.save(busy);
    await db.disconnect(dataSource);

    const reopened = new TypeormRobotStore(await db.connect());

    expect(await reopened.list()).toStrictEqual([busy]);
  });
});
