import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topic } from '@opiekun/vda5050';
import { ApiProcess, waitFor } from './support/api-process';
import { tcpReachable } from './support/free-port';
import { WireCapture } from './support/wire-capture';

/**
 * Issue 2, "Done when": the api, its broker and the simulator (6 robots of the demo scenario) at a high time scale;
 * 50 mixed tasks over REST; every one completed exactly once; every VDA 5050 message on the wire valid.
 * Runs against the embedded broker and once more against the machine's Mosquitto on 127.0.0.1:1883.
 */
interface TaskBody { id: string; status: string; robotId?: string; history?: { to: string; robotId?: string }[] }
interface ScenarioTask { type: string; priority: string; from?: string; to?: string; pickAction?: string; dropAction?: string; atNode?: string; action?: string; requires: string[]; serviceS: number }

const ROOT = join(__dirname, '../..');
const TASK_COUNT = 50;

function mixedTasks(): Record<string, unknown>[] {
  const scenario = JSON.parse(readFileSync(join(ROOT, 'assets/scenarios/demo-day.json'), 'utf8')) as { tasks: ScenarioTask[] };
  return scenario.tasks.slice(0, TASK_COUNT).map(({ type, priority, from, to, pickAction, dropAction, atNode, action, requires, serviceS }) =>
    from ? { type, priority, from, to, pickAction, dropAction, requires, serviceS } : { type, priority, atNode, action, requires, serviceS },
  );
}

async function signInNurse(api: ApiProcess): Promise<string> {
  const { status, body } = await api.post<{ token: string }>('/api/auth/sign-in', { username: 'pielegniarka', password: 'opiekun-nurse' });
  expect(status).toBe(200);
  return body.token;
}

async function runCoreLoop(api: ApiProcess, capture: WireCapture): Promise<void> {
  const robots = await waitFor(
    '6 robots online with their factsheets',
    async () => {
      const list = await api.get<{ connection: string; actions: string[] }[]>('/api/robots');
      return list.filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).length === 6 ? list : undefined;
    },
    15_000,
  );
  expect(robots).toHaveLength(6);

  const bodies = mixedTasks();
  expect(new Set(bodies.map((b) => b.type)).size).toBeGreaterThanOrEqual(5);
  const ids: string[] = [];
  for (const body of bodies) {
    const { status, body: task } = await api.post<TaskBody>('/api/tasks', body);
    expect(status).toBe(201);
    ids.push(task.id);
  }

  // Medication travels under chain of custody (issue 4): a nurse loads it at the pharmacy and takes it at the room.
  // The test plays that nurse, confirming whichever step a waiting robot is at; 409 means no robot waits for it yet.
  const nurse = await signInNurse(api);
  const medication = ids.filter((_, i) => bodies[i].type === 'medication');
  const confirm = (id: string, step: 'load' | 'handover') =>
    fetch(`${api.baseUrl}/api/tasks/${id}/${step}`, { method: 'POST', headers: { authorization: `Bearer ${nurse}` } });
  await waitFor(
    `${TASK_COUNT} tasks completed`,
    async () => {
      for (const id of medication) {
        await confirm(id, 'load');
        await confirm(id, 'handover');
      }
      const page = await api.get<{ items: { id: string }[] }>('/api/tasks?status=completed&limit=500');
      const done = new Set(page.items.map((t) => t.id));
      return ids.every((id) => done.has(id)) ? true : undefined;
    },
    150_000,
    500,
  );

  for (const id of ids) {
    const task = await api.get<TaskBody>(`/api/tasks/${id}`);
    expect(task.status).toBe('completed');
    const transitions = (task.history ?? []).map((e) => e.to);
    expect(transitions.filter((s) => s === 'completed')).toHaveLength(1);
    // Started once; a medication delivery resumes once more after each wait for a nurse (on-hold → in-progress).
    expect(transitions.filter((s) => s === 'in-progress')).toHaveLength(1 + transitions.filter((s) => s === 'on-hold').length);
  }

  // Exactly once on the wire too: each task's order went to one robot, and its actions finished there only.
  const orders = capture.ofTopic(Topic.Order);
  for (const id of ids) {
    const robotsForTask = new Set(orders.filter((o) => String(o.payload.orderId).startsWith(`${id}:`)).map((o) => o.serialNumber));
    expect(robotsForTask.size).toBe(1);
  }
  expect(capture.invalid).toEqual([]);
  expect(capture.ofTopic(Topic.State).length).toBeGreaterThan(100);
}

describe('core loop: tasks over REST are dispatched to simulated VDA 5050 robots and completed exactly once', () => {
  jest.setTimeout(240_000);

  it('with the embedded broker', async () => {
    const api = await ApiProcess.start({ env: { SIM_ROBOTS: '6', SIM_TIME_SCALE: '100', CARE_FILE: 'none' } });
    const capture = await WireCapture.start(api.brokerUrl);
    try {
      await runCoreLoop(api, capture);
    } finally {
      await capture.stop();
      await api.dispose();
    }
  });

  it('a task cancelled while its robot drives it: cancelOrder on the wire, the robot never drops the load, the task stays cancelled, and the robot takes the next task', async () => {
    // time scale 10: a kitchen-to-room trip takes seconds of wall time, so the cancel reaches the robot on its way
    const api = await ApiProcess.start({ env: { SIM_ROBOTS: '6', SIM_TIME_SCALE: '10', CARE_FILE: 'none' } });
    const capture = await WireCapture.start(api.brokerUrl);
    try {
      await waitFor('6 robots online', async () => ((await api.get<{ connection: string; actions: string[] }[]>('/api/robots')).filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).length === 6 ? true : undefined), 15_000);
      const meal = mixedTasks().find((t) => t.type === 'meal')!;
      const { body: task } = await api.post<TaskBody>('/api/tasks', meal);
      const running = await waitFor('the meal under way', async () => {
        const t = await api.get<TaskBody>(`/api/tasks/${task.id}`);
        return t.status === 'in-progress' ? t : undefined;
      }, 30_000, 50);
      const serial = running.robotId!.slice(running.robotId!.indexOf(':') + 1);
      const orderId = `${task.id}:1`;
      const { status } = await api.post<TaskBody>(`/api/tasks/${task.id}/cancel`, {});
      expect(status).toBe(200);
      const ofOrder = () => capture.ofTopic(Topic.State).filter((m) => m.serialNumber === serial && m.payload.orderId === orderId);
      // the robot reports the order stopped: no node left to drive, not driving
      await waitFor('the robot stopped the cancelled order', async () => {
        const last = ofOrder().at(-1)?.payload as { nodeStates?: unknown[]; driving?: boolean } | undefined;
        return last && (last.nodeStates ?? []).length === 0 && last.driving === false ? true : undefined;
      }, 20_000, 100);
      expect(capture.ofTopic(Topic.InstantActions).some((m) => m.serialNumber === serial && JSON.stringify(m.payload).includes('cancelOrder'))).toBe(true);
      const dropFinished = ofOrder().some((m) =>
        ((m.payload.actionStates ?? []) as { actionType?: string; actionStatus?: string }[]).some((a) => a.actionType === 'drop' && a.actionStatus === 'FINISHED'),
      );
      expect(dropFinished).toBe(false);
      // the robot is free and takes the next task; the cancelled one never completes
      const { body: next } = await api.post<TaskBody>('/api/tasks', meal);
      await waitFor('the next meal completed', async () => ((await api.get<TaskBody>(`/api/tasks/${next.id}`)).status === 'completed' ? true : undefined), 60_000, 200);
      const cancelled = await api.get<TaskBody>(`/api/tasks/${task.id}`);
      expect(cancelled.status).toBe('cancelled');
      expect((cancelled.history ?? []).map((e) => e.to)).not.toContain('completed');
      expect(capture.ofTopic(Topic.Order).filter((o) => o.payload.orderId === orderId)).toHaveLength(1);
      expect(capture.invalid).toEqual([]);
    } finally {
      await capture.stop();
      await api.dispose();
    }
  });

  it('with the machine\'s Mosquitto on 127.0.0.1:1883', async () => {
    if (!(await tcpReachable('127.0.0.1', 1883))) throw new Error('Mosquitto is not running on 127.0.0.1:1883: start it (mosquitto -d) — .ci/run does this in CI');
    const capture = await WireCapture.start('mqtt://127.0.0.1:1883');
    const api = await ApiProcess.start({ env: { SIM_ROBOTS: '6', SIM_TIME_SCALE: '100', MQTT_URL: 'mqtt://127.0.0.1:1883', CARE_FILE: 'none' } });
    try {
      await runCoreLoop(api, capture);
    } finally {
      await api.dispose();
      await capture.stop(true);
    }
  });
});
