import { connect, type MqttClient } from 'mqtt';
import { AgvController, VirtualAgvAdapter, type VirtualAgvAdapterOptions } from 'vda-5050-lib';
import { ApiInProcess } from './support/api-in-process';
import { MONITOR_LOGIN, TEST_LOGINS } from './support/test-broker';
import { waitFor } from './support/wait-for';

const M = 'Coaty';

describe('foreign vehicle (exploration)', () => {
  jest.setTimeout(40_000);
  let api: ApiInProcess;
  let monitor: MqttClient;
  const seen: { topic: string; msg: Record<string, unknown> }[] = [];
  const controllers: AgvController[] = [];

  beforeAll(async () => {
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish', ROBOT_SILENCE_MS: '3600000' });
    monitor = connect(api.brokerUrl, { ...MONITOR_LOGIN, reconnectPeriod: 0 });
    await new Promise<void>((resolve) => monitor.once('connect', () => resolve()));
    await monitor.subscribeAsync('uagv/v2/#');
    monitor.on('message', (topic, payload) => seen.push({ topic, msg: JSON.parse(payload.toString()) as Record<string, unknown> }));
  });

  afterAll(async () => {
    for (const c of controllers.splice(0)) await c.stop().catch(() => undefined);
    await monitor?.endAsync();
    await api?.close();
  });

  it('explores', async () => {
    const serial = 'V1';
    const adapterOptions: VirtualAgvAdapterOptions = { initialPosition: { mapId: 'F0', x: 0, y: 3, theta: 0, lastNodeId: 'F0-dock-1' }, timeLapse: 10, tickRate: 20 };
    const controller = new AgvController(
      { manufacturer: M, serialNumber: serial },
      { interfaceName: 'uagv', vdaVersion: '2.0.0', transport: { brokerUrl: api.brokerUrl, username: `${M}/${serial}`, password: TEST_LOGINS.vehiclePassword, reconnectPeriod: 0 } },
      { agvAdapterType: VirtualAgvAdapter, publishStateInterval: 1000, publishVisualizationInterval: 0 },
      adapterOptions,
    );
    controllers.push(controller);
    expect((await api.request('POST', '/api/robots', { manufacturer: M, serialNumber: serial, actions: ['pick', 'drop'] })).status).toBe(201);
    await controller.start();
    await waitFor('online', async () => ((await api.request('GET', `/api/robots/${M}:${serial}`)).body.connection === 'ONLINE' ? true : undefined));
    const { body: task } = await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-dayroom' });
    await new Promise((r) => setTimeout(r, 8000));
    const t = (await api.request('GET', `/api/tasks/${String(task.id)}`)).body;
    console.log(JSON.stringify(t, null, 1).slice(0, 4000));
    console.log(JSON.stringify(seen.filter((s) => !s.topic.endsWith('visualization')).map((s) => [s.topic, s.msg]), null, 1).slice(0, 20000));
  });
});
