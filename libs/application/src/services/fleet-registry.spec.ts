import { DomainErrorCode, type Robot } from '@opiekun/domain';
import { RobotStore } from '../ports/robot-store.port';
import { RecordingNotifier } from '../testing';
import { FleetRegistry } from './fleet-registry';

/** Records every store call, so a test sees which robots were written together. */
class CallRecordingRobotStore extends RobotStore {
  readonly calls: string[][] = [];
  async save(robot: Robot): Promise<void> {
    this.calls.push([robot.id]);
  }
  async saveMany(robots: readonly Robot[]): Promise<void> {
    this.calls.push(robots.map((r) => `${r.id}@${r.battery}`));
  }
  async get(): Promise<Robot | undefined> {
    return undefined;
  }
  async list(): Promise<readonly Robot[]> {
    return [];
  }
}

describe('FleetRegistry persistence', () => {
  const world = async () => {
    const store = new CallRecordingRobotStore();
    const registry = new FleetRegistry(store, new RecordingNotifier(), 5_000, 1_000);
    for (const serialNumber of ['A', 'B', 'C']) await registry.register({ manufacturer: 'M', serialNumber, actions: ['pick'] }, 0);
    store.calls.length = 0;
    const battery = (id: string, percent: number, now: number) => registry.update(id, (r) => ({ ...r, battery: percent }), now);
    return { store, registry, battery };
  };

  it('writes a significant change at once, on its own', async () => {
    const { store, registry } = await world();
    await registry.update('M:A', (r) => ({ ...r, connection: 'ONLINE' }), 100);
    expect(store.calls).toEqual([['M:A']]);
  });

  it('writes pose and battery changes only when the last write is old, the robots due together and as they are then', async () => {
    const { store, battery } = await world();
    await battery('M:A', 90, 1_000);
    await battery('M:B', 90, 1_000);
    expect(store.calls).toEqual([]);
    // A is due first and written alone: no batch was written before
    await battery('M:A', 80, 5_000);
    expect(store.calls).toEqual([['M:A@80']]);
    // B and C fall due within the next second: they wait for it and go in one write, with their latest state
    await battery('M:B', 80, 5_200);
    await battery('M:C', 80, 5_400);
    await battery('M:B', 70, 5_900);
    expect(store.calls).toEqual([['M:A@80']]);
    await battery('M:A', 75, 6_000);
    expect(store.calls).toEqual([['M:A@80'], ['M:B@70', 'M:C@80']]);
  });

  it('a significant change of a robot that is due writes it at once and takes it out of the batch', async () => {
    const { store, registry, battery } = await world();
    await battery('M:A', 80, 5_000);
    await battery('M:B', 80, 5_100);
    await registry.update('M:B', (r) => ({ ...r, charging: true }), 5_200);
    await battery('M:C', 80, 6_100);
    expect(store.calls).toEqual([['M:A@80'], ['M:B'], ['M:C@80']]);
  });
});

describe('FleetRegistry registration', () => {
  it('refuses to register a robot again, naming it, and changes neither the robot nor the store', async () => {
    const store = new CallRecordingRobotStore();
    const registry = new FleetRegistry(store, new RecordingNotifier());
    await registry.register({ manufacturer: 'OpiekunSim', serialNumber: 'SIM-004', name: 'Kuba', actions: ['pick', 'drop'], speed: 1.2 }, 0);
    const before = registry.get('OpiekunSim:SIM-004');
    store.calls.length = 0;
    const again = registry.register({ manufacturer: 'OpiekunSim', serialNumber: 'SIM-004', name: 'Hijacked', actions: ['flyToMoon'], speed: 10 }, 1);
    await expect(again).rejects.toMatchObject({ code: DomainErrorCode.RobotConflict, message: 'robot OpiekunSim:SIM-004 is already registered' });
    expect(registry.get('OpiekunSim:SIM-004')).toBe(before);
    expect(store.calls).toEqual([]);
  });
});
