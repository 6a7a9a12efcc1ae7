import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { FleetService, TaskService, TaskStore } from '@opiekun/application';
import { loadFacility, type OrderLimits, type Task } from '@opiekun/domain';
import type { Order } from '@opiekun/vda5050';
import { AppModule } from '../../apps/api/src/app.module';
import type { EmbeddedBroker } from '../../apps/api/src/broker/embedded-broker';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { MqttRobotLink } from '../../apps/api/src/fleet/mqtt-robot-link.adapter';
import { ScriptedRobot } from './support/scripted-robot';
import { startTestBroker, TEST_LOGINS } from './support/test-broker';
import { demoFacilityJson } from '../fixtures/demo-facility';

/**
 * Issue 6, "Api crash and restart" with real parts in process: the api is stopped and a new one started on the same
 * SQLite file and broker, everything in memory gone; the robot (hand-driven) outlives both. The decided order is in the
 * outbox (table `outbox`, migration mission-outbox) with the assignment: a robot that never got it receives the same order (same id, attempt
 * 1); a robot that runs it is continued (no resend); one that finished meanwhile completes the task once.
 * (The kill -9 of a real process is test/e2e/api-crash.e2e.spec.ts.)
 */
const STAFF = { kind: 'staff', id: 'test' } as const;

describe('restart on the same database: orders reconciled from the robot\'s state (medium: SQLite, embedded broker)', () => {
  jest.setTimeout(30_000);
  let dir: string;
  let broker: EmbeddedBroker;
  let url: string;
  let app: INestApplication | undefined;
  let robot: ScriptedRobot;

  const start = async (env: Record<string, string> = {}) => {
    // The v1 policy sends no parking or charging orders: every order the robot gets is the task's.
    const config = loadConfig({ DB_PATH: join(dir, 'db.sqlite'), SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: 'none', DISPATCH_POLICY: 'earliest-finish', ORDER_RESEND_MS: '60000', ROBOT_SILENCE_MS: '3600000', ...env });
    const facility = loadFacility(demoFacilityJson());
    app = await NestFactory.create(AppModule.forRoot(config, facility, { mode: 'embedded', url, login: TEST_LOGINS.master }), { logger: false });
    await app.init();
    // Robots publish state at QoS 0: what they say before the api has subscribed is lost (a real one repeats it).
    await app.get(MqttRobotLink).client.ready();
    return app;
  };
  const stop = async () => {
    await app?.close();
    app = undefined;
  };
  const waitTask = async (id: string, test: (t: Task) => boolean): Promise<Task> => {
    for (let i = 0; i < 250; i += 1) {
      const task = await app!.get(TaskStore).get(id);
      if (task && test(task)) return task;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`task ${id} did not reach the expected state: ${JSON.stringify(await app!.get(TaskStore).get(id))}`);
  };
  const outbox = async () => (await app!.get(DataSource).query('SELECT * FROM outbox')) as Record<string, unknown>[];

  /** First run: the robot joins and gets a task's order; returns the task and the order as the robot received it. */
  const assigned = async (orderLimits?: OrderLimits) => {
    const first = await start();
    await first.get(FleetService).register({ manufacturer: 'Boot', serialNumber: 'B-1', actions: ['pick', 'drop'] });
    if (orderLimits) await first.get(FleetService).onFactsheet('Boot', 'B-1', { actions: ['pick', 'drop'], instantActions: [], orderLimits });
    robot = new ScriptedRobot(url, 'Boot', 'B-1');
    await robot.connected();
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    const task = await first.get(TaskService).create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' }, STAFF);
    await robot.until(() => robot.orders.length === 1);
    // (a robot that limits ids is written a short one: AppModule's Lifecycle, MqttRobotLink)
    if (!orderLimits) expect(robot.orders[0].orderId).toBe(`${task.id}:1`);
    expect(await outbox()).toEqual([expect.objectContaining({ task_id: task.id, mission_id: `${task.id}:1`, robot_id: 'Boot:B-1' })]);
    return { task, order: robot.orders[0] };
  };

  /** The robot runs the order, the api restarts, the robot goes on: no resend, no cancel, the task completes. */
  const continuedAfterRestart = async (task: Task, order: Order) => {
    await robot.publishState(robot.executing(order, 'RUNNING', 1));
    await waitTask(task.id, (t) => t.status === 'in-progress');
    await stop();
    await start();
    await robot.publishState(robot.executing(order, 'RUNNING', 2));
    await new Promise((r) => setTimeout(r, 700));
    expect(robot.orders).toHaveLength(1);
    expect(robot.instantActions).not.toContain('cancelOrder');
    expect((await waitTask(task.id, () => true)).status).toBe('in-progress');
    await robot.publishState({ ...robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId });
    await waitTask(task.id, (t) => t.status === 'completed');
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-restart-'));
    ({ broker, url } = await startTestBroker());
  });

  afterEach(async () => {
    await robot?.close();
    await stop();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a robot that never got the order (lost between commit and publish) gets the same order from the outbox, once it said it has none', async () => {
    const { task, order } = await assigned();
    robot.orders.length = 0; // as if it never arrived
    await stop();
    await start();
    await new Promise((r) => setTimeout(r, 500));
    expect(robot.orders).toHaveLength(0); // nothing before the robot says what it is doing
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    await robot.until(() => robot.orders.length === 1);
    expect(robot.orders[0]).toMatchObject({ orderId: order.orderId, orderUpdateId: order.orderUpdateId });
    await robot.publishState(robot.executing(robot.orders[0], 'RUNNING', 1));
    await robot.publishState({ ...robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId });
    await waitTask(task.id, (t) => t.status === 'completed');
    expect((await app!.get(TaskStore).history(task.id)).map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'in-progress', 'completed']);
    expect(await outbox()).toEqual([]);
  });

  it('a robot running the order is continued: no resend, the task goes on and completes once', async () => {
    const { task, order } = await assigned();
    await continuedAfterRestart(task, order);
    expect((await app!.get(TaskStore).history(task.id)).filter((e) => e.to === 'completed' || e.to === 'accepted')).toHaveLength(2);
    expect(robot.orders).toHaveLength(1);
  });

  it('a robot written short ids (its factsheet limits id length) running the order is continued after the restart too', async () => {
    const { task, order } = await assigned({ idLength: 12 });
    expect(order.orderId).toHaveLength(12);
    // its short orderId is read back as the task's order: not a stranger's order to cancel, nothing sent again
    await continuedAfterRestart(task, order);
    expect(robot.orders).toHaveLength(1);
  });

  it('a robot that finished while the api was down completes the task once, with no order sent again', async () => {
    const { task, order } = await assigned();
    await robot.publishState(robot.executing(order, 'RUNNING', 1));
    await waitTask(task.id, (t) => t.status === 'in-progress');
    await stop();
    await robot.publishState({ ...robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId });
    await start();
    await robot.publishState({ ...robot.executing(order, 'FINISHED', order.nodes.length), lastNodeId: order.nodes.at(-1)!.nodeId });
    await waitTask(task.id, (t) => t.status === 'completed');
    await new Promise((r) => setTimeout(r, 300));
    expect((await app!.get(TaskStore).history(task.id)).filter((e) => e.to === 'completed')).toHaveLength(1);
    expect(robot.orders).toHaveLength(1);
  });

  it('the assignment and its outbox row are committed before the robot hears the order', async () => {
    const first = await start();
    await first.get(FleetService).register({ manufacturer: 'Boot', serialNumber: 'B-1', actions: ['pick', 'drop'] });
    robot = new ScriptedRobot(url, 'Boot', 'B-1');
    await robot.connected();
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    // Another connection to the same file, read the instant the order arrives: what it sees was committed first.
    const reader = new Database(join(dir, 'db.sqlite'), { readonly: true });
    const seen: unknown[] = [];
    robot.client.on('order', ({ message }) => {
      const taskId = message.orderId.split(':')[0];
      seen.push({
        task: reader.prepare('SELECT status, robot_id AS robotId FROM task WHERE id = ?').get(taskId),
        outbox: reader.prepare('SELECT mission_id AS missionId FROM outbox WHERE task_id = ?').get(taskId),
        events: reader.prepare('SELECT to_status AS status FROM task_event WHERE task_id = ? ORDER BY rowid').all(taskId),
      });
    });
    try {
      const task = await first.get(TaskService).create({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-storage' }, STAFF);
      await robot.until(() => robot.orders.length === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen[0]).toEqual({
        task: { status: 'accepted', robotId: 'Boot:B-1' },
        outbox: { missionId: `${task.id}:1` },
        events: [{ status: 'requested' }, { status: 'ready' }, { status: 'accepted' }],
      });
    } finally {
      reader.close();
    }
  });

  it('a robot lost while the api was down (its last will waiting on the broker) loses its task after the grace, to another robot', async () => {
    const { task, order } = await assigned();
    await robot.publishState(robot.executing(order, 'RUNNING', 1));
    await waitTask(task.id, (t) => t.status === 'in-progress');
    await stop();
    (robot.client as unknown as { client: { stream: { destroy(): void } } }).client.stream.destroy();
    const spare = new ScriptedRobot(url, 'Boot', 'B-2');
    try {
      const after = await start({ ROBOT_LOST_GRACE_MS: '1000' });
      await after.get(FleetService).register({ manufacturer: 'Boot', serialNumber: 'B-2', actions: ['pick', 'drop'] });
      await spare.connected();
      await spare.publishState({ lastNodeId: 'F0-dock-2' });
      await spare.until(() => spare.orders.length === 1, 10_000);
      expect(spare.orders[0].orderId).toBe(`${task.id}:2`);
      expect(JSON.stringify(await after.get(TaskStore).history(task.id))).toMatch(/lost contact/);
    } finally {
      await spare.close();
    }
  });
});
