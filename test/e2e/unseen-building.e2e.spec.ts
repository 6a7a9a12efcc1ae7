import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld } from '../../bench/generate/generate-world';
import { withoutQuietHours } from '../../bench/world/any-hour-facility';
import { ApiProcess, waitFor } from './support/api-process';

interface TaskBody { id: string; status: string; history?: { to: string }[] }
interface GeneratedNode { id: string; kind: string }

/**
 * The product on a building it has never seen, as someone trying it on their own would start it: only FACILITY_FILE
 * set (here a generated building of three floors), everything else left at its default — the demo's care file and
 * shift scenario, which are for the demo building. The api starts (without care data, and says so), the simulator puts
 * robots of its own on the building's chargers, and deliveries across floors are completed, each once.
 */
describe('a building the project has never seen, with nothing but FACILITY_FILE set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opiekun-unseen-'));
  let api: ApiProcess | undefined;

  afterAll(async () => {
    await api?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the default care file and scenario left out, and completes deliveries across its floors', async () => {
    const { facility } = generateWorld({ robots: 3, floors: 3, tasksPerHour: 10, hours: 1, seed: 2026 });
    const file = join(dir, 'their-building.json');
    writeFileSync(file, JSON.stringify(withoutQuietHours(facility as { zones?: Record<string, unknown>[] })));
    const env: Record<string, string> = { FACILITY_FILE: file, SIM_ROBOTS: '3', SIM_TIME_SCALE: '20', LOG_LEVEL: 'log' };
    api = await ApiProcess.start({ env, startTimeoutMs: 30_000 });
    expect(api.logs).toContain('care: starting without wards, residents or care plans');
    expect(api.logs).not.toMatch(/CARE_FILE=.*unknown room/);

    await waitFor(
      '3 robots online with their factsheets',
      async () => {
        const list = await api!.get<{ connection: string; actions: string[] }[]>('/api/robots');
        return list.filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).length === 3 ? true : undefined;
      },
      20_000,
    );
    const nodes = (facility as { nodes: GeneratedNode[] }).nodes;
    const kitchen = nodes.find((n) => n.kind === 'kitchen')!.id;
    const rooms = nodes.filter((n) => n.kind === 'room').map((n) => n.id);
    const ids: string[] = [];
    for (const room of rooms.slice(0, 6)) {
      const { status, body } = await api.post<TaskBody>('/api/tasks', { type: 'meal', priority: 'routine', from: kitchen, to: room, requires: ['pick', 'drop'] });
      expect(status).toBe(201);
      ids.push(body.id);
    }
    await waitFor(
      `${ids.length} deliveries completed`,
      async () => {
        const page = await api!.get<{ items: { id: string }[] }>('/api/tasks?status=completed&limit=100');
        const done = new Set(page.items.map((t) => t.id));
        return ids.every((id) => done.has(id)) ? true : undefined;
      },
      120_000,
      500,
    );
    for (const id of ids) {
      const task = await api.get<TaskBody>(`/api/tasks/${id}`);
      expect((task.history ?? []).filter((e) => e.to === 'completed')).toHaveLength(1);
    }
  }, 200_000);
});
