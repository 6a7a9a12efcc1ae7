import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AlertService, FleetService, StaffAuthService, TaskStore, WardStore } from '@opiekun/application';
import { loadFacility } from '@opiekun/domain';
import { AppModule } from '../../apps/api/src/app.module';
import type { EmbeddedBroker } from '../../apps/api/src/broker/embedded-broker';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { FhirSchemaValidator } from '../../apps/api/src/fhir/fhir-schema.validator';
import { MqttRobotLink } from '../../apps/api/src/fleet/mqtt-robot-link.adapter';
import { setUpHttp } from '../../apps/api/src/http/http-setup';
import { ScriptedRobot } from './support/scripted-robot';
import { startTestBroker, TEST_LOGINS } from './support/test-broker';
import { demoFacilityJson } from '../fixtures/demo-facility';

/**
 * Night patrol end to end inside one process: REST creates it, the fleet sends one order through the rooms to a
 * hand-driven VDA 5050 vehicle over the embedded broker, and the vehicle's `fallDetected` becomes a stat alert.
 */

describe('night patrol (medium: HTTP, embedded broker, SQLite, scripted vehicle)', () => {
  jest.setTimeout(20_000);
  let dir: string;
  let broker: EmbeddedBroker;
  let app: NestExpressApplication;
  let robot: ScriptedRobot;
  let base: string;
  let token: string;

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const waitFor = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 150; i += 1) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('timed out');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-patrol-'));
    const started = await startTestBroker();
    broker = started.broker;
    const url = started.url;
    const config = loadConfig({ DB_PATH: join(dir, 'db.sqlite'), SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: 'none' });
    const json = demoFacilityJson() as { rooms: { id: string }[] };
    // Room 105 is marked "no camera" (as a facility file would): the patrol must leave it out.
    const facility = loadFacility({ ...json, rooms: json.rooms.map((r) => (r.id === '105' ? { ...r, noCamera: true } : r)) });
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, facility, { mode: 'embedded', url, login: TEST_LOGINS.master }), { logger: false });
    setUpHttp(app, config);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = (await app.get(StaffAuthService).signIn('pielegniarka', 'opiekun-nurse')).token;
    await app.get(WardStore).save({ id: 'F1', name: 'Ward F1', rooms: ['104', '105', '106'] });
    for (let i = 0; i < 100 && !app.get(MqttRobotLink).connected; i += 1) await new Promise((r) => setTimeout(r, 20));
    await app.get(FleetService).register({ manufacturer: 'Acme', serialNumber: 'PT-1', actions: ['patrolCheck'] });
    robot = new ScriptedRobot(url, 'Acme', 'PT-1');
    await robot.connected();
    await robot.publishState({ lastNodeId: 'F1-R101' });
  });

  afterAll(async () => {
    await robot?.close();
    await app?.close();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('patrols a ward in one order, skipping the no-camera room, and a fall detected there raises one stat alert for the ward', async () => {
    const created = await post('/api/patrols', { wardId: 'F1' });
    expect(created.status).toBe(201);
    expect(created.body.skipped).toEqual([{ roomId: '105', reason: 'no-camera' }]);
    const task = created.body.task as { id: string; kind: string; stops: unknown[] };
    expect(task).toMatchObject({ kind: 'patrol', stops: [{ node: 'F1-R104', action: 'patrolCheck' }, { node: 'F1-R106', action: 'patrolCheck' }] });

    await robot.until(() => robot.orders.length === 1);
    const order = robot.orders[0];
    const checks = order.nodes.filter((n) => n.actions.some((a) => a.actionType === 'patrolCheck')).map((n) => n.nodeId);
    expect(checks).toEqual(['F1-R104', 'F1-R106']);
    expect(order.nodes.some((n) => n.nodeId === 'F1-R105' && n.actions.length > 0)).toBe(false);

    const running = robot.executing(order, 'RUNNING', 1);
    const fall = { infoType: 'fallDetected', infoLevel: 'INFO' as const, infoDescription: 'person on the floor', infoReferences: [{ referenceKey: 'nodeId', referenceValue: 'F1-R104' }] };
    await robot.publishState({ ...running, information: [fall] });
    await robot.publishState({ ...running, information: [fall] });
    const alerts = app.get(AlertService);
    const alert = await waitFor(async () => (await alerts.list({ openOnly: true, limit: 20 })).find((a) => a.kind === 'patrol-finding'));
    expect(alert).toMatchObject({ severity: 'stat', wardId: 'F1', roomId: '104', taskId: task.id, robotId: 'Acme:PT-1' });
    expect((await alerts.list({ openOnly: true, limit: 20 })).filter((a) => a.kind === 'patrol-finding')).toHaveLength(1);

    // The finding leaves the patrol going: it completes when the robot has done every check.
    await robot.publishState(robot.executing(order, 'FINISHED', order.nodes.length));
    await waitFor(async () => ((await app.get(TaskStore).get(task.id))?.status === 'completed' ? true : undefined));
    const fhir = await fetch(`${base}/fhir/Task/${task.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(new FhirSchemaValidator().problems((await fhir.json()) as { resourceType: string })).toEqual([]);
  });

  it('refuses a patrol naming an unknown room, and a camera visit to the no-camera room', async () => {
    expect((await post('/api/patrols', { rooms: ['104', '999'] })).status).toBe(422);
    const visit = await post('/api/tasks', { type: 'call', priority: 'routine', atNode: 'F1-R105', action: 'telepresence' });
    expect(visit.status).toBe(422);
    expect(JSON.stringify(visit.body)).toMatch(/no camera/);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${base}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/patrols', '/fhir/Task', '/fhir/Task/{id}']));
  });
});
