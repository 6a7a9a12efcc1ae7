import { cancelsTo, durable, idle, joins, process, reports, running, sentTo, STAFF, taskOf } from './resilience-world.fixture';

/**
 * Small tests of a restart after kill -9: a second `process` over the same stores (the database) with every
 * in-memory picture lost. What robots report first decides what happens to each order — never a blind resend.
 */
describe('after a crash, orders on robots are reconciled from their state', () => {
  async function assignedThenCrashed() {
    const d = durable();
    const before = await process(d);
    await before.boot();
    const robot = await joins(before, 'R1', 'A');
    const task = await before.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    const mission = sentTo(d, robot)[0];
    expect(mission.id).toBe(`${task.id}:1`);
    before.shutdown();
    return { d, robot, task, mission };
  }

  it('stores the decided order in the outbox with the assignment', async () => {
    const { d, mission } = await assignedThenCrashed();
    expect(await d.tasks.current()).toEqual([mission]);
  });

  it('continues an order the robot already runs: no resend, progress goes on, done once', async () => {
    const { d, robot, task, mission } = await assignedThenCrashed();
    const after = await process(d);
    await after.boot();
    await after.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(after, 'R1', running(mission));
    await d.clock.advance(10_000);
    expect(sentTo(d, robot)).toHaveLength(1);
    expect(await taskOf(d, task.id)).toMatchObject({ status: 'in-progress', robotId: robot });
    await reports(after, 'R1', running(mission, 'FINISHED'));
    expect((await d.tasks.history(task.id)).map((e) => e.to)).toEqual(['requested', 'ready', 'accepted', 'in-progress', 'completed']);
    expect(await d.tasks.current()).toEqual([]);
  });

  it('sends the decided order from the outbox when the robot never got it (crash between commit and publish)', async () => {
    const { d, robot, task, mission } = await assignedThenCrashed();
    d.link.missions.length = 0; // as if the publish never happened
    const after = await process(d);
    await after.boot();
    await after.fleet.onConnection('M', 'R1', 'ONLINE');
    await d.clock.advance(10_000);
    expect(sentTo(d, robot)).toHaveLength(0); // nothing before the robot said what it does
    await reports(after, 'R1', idle('A'));
    expect(sentTo(d, robot)).toEqual([mission]);
    await reports(after, 'R1', running(mission));
    await d.clock.advance(10_000);
    expect(sentTo(d, robot)).toHaveLength(1);
    expect((await taskOf(d, task.id)).status).toBe('in-progress');
  });

  it('rebuilds the order from where the robot now stands, writes it to the outbox, and a second restart sends that one', async () => {
    const { d, robot, task, mission } = await assignedThenCrashed();
    d.link.missions.length = 0; // never published; the robot was moved meanwhile (by hand, to B)
    const after = await process(d);
    await after.boot();
    await after.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(after, 'R1', idle('B'));
    const [rebuilt] = sentTo(d, robot);
    expect(rebuilt).toMatchObject({ id: mission.id, taskId: task.id });
    expect(rebuilt!.nodes[0]!.nodeId).toBe('B');
    expect(mission.nodes[0]!.nodeId).toBe('A');
    // the outbox holds what the robot was given, not the first copy
    expect(await d.tasks.current()).toEqual([rebuilt]);
    after.shutdown();
    d.link.missions.length = 0; // lost again
    const again = await process(d);
    await again.boot();
    await again.fleet.onConnection('M', 'R1', 'ONLINE');
    await reports(again, 'R1', idle('B'));
    expect(sentTo(d, robot)).toEqual([rebuilt]);
  });

  it('completes a task the robot finished while the api was down', async () => {
    const { d, task, mission } = await assignedThenCrashed();
    const after = await process(d);
    await after.boot();
    await reports(after, 'R1', running(mission, 'FINISHED'));
    expect((await taskOf(d, task.id)).status).toBe('completed');
  });

  it('cancels an order whose task was cancelled before the crash, and gives the robot no work until it stopped', async () => {
    const { d, robot, task, mission } = await assignedThenCrashed();
    const other = await process(d);
    await other.boot();
    await other.service.cancel(task.id, STAFF);
    other.shutdown();
    d.link.instants.length = 0; // the cancel was lost with the process
    const after = await process(d);
    await after.boot();
    await after.service.create({ type: 'linen', priority: 'routine', from: 'B', to: 'K' }, STAFF);
    await reports(after, 'R1', running(mission));
    await d.clock.advance(10);
    expect(cancelsTo(d, robot)).toBe(1);
    expect(sentTo(d, robot)).toHaveLength(1);
    await reports(after, 'R1', { ...running(mission), lastNodeId: 'B' });
    await d.clock.advance(6_000);
    await reports(after, 'R1', { ...running(mission), lastNodeId: 'B' });
    expect(cancelsTo(d, robot)).toBe(2); // resent while the stale order runs, at most every 5 s
    await reports(after, 'R1', idle('B', mission.id));
    await d.clock.advance(10);
    expect(sentTo(d, robot)).toHaveLength(2);
    expect(sentTo(d, robot)[1].taskId).not.toBe(task.id);
  });

  it('gives a task up when its robot comes back without the order it had confirmed (it restarted)', async () => {
    const { d, robot, task, mission } = await assignedThenCrashed();
    const mid = await process(d);
    await mid.boot();
    await reports(mid, 'R1', running(mission));
    expect((await taskOf(d, task.id)).status).toBe('in-progress');
    mid.shutdown();
    const after = await process(d);
    await after.boot();
    const second = await joins(after, 'R2', 'Q0');
    await reports(after, 'R1', idle('A'));
    await d.clock.advance(10);
    const history = await d.tasks.history(task.id);
    expect(history.some((e) => e.from === 'in-progress' && e.to === 'ready' && /no longer has order/.test(e.cause.reason ?? ''))).toBe(true);
    expect(await taskOf(d, task.id)).toMatchObject({ status: 'accepted', robotId: second, attempt: 2 });
    expect(robot).not.toBe(second);
  });

  it('gives no new work to a robot that is online again but has not reported its state yet', async () => {
    const d = durable();
    const before = await process(d);
    await before.boot();
    await joins(before, 'R1', 'A');
    before.shutdown();
    const after = await process(d);
    await after.boot();
    await after.fleet.onConnection('M', 'R1', 'ONLINE');
    const task = await after.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10_000);
    expect(sentTo(d, 'M:R1')).toHaveLength(0);
    await reports(after, 'R1', idle('A'));
    await d.clock.advance(10);
    expect(sentTo(d, 'M:R1').map((m) => m.taskId)).toEqual([task.id]);
  });

  it('keeps a robot that refused a task off it after a restart too', async () => {
    const d = durable();
    const before = await process(d);
    await before.boot();
    const first = await joins(before, 'R1', 'A');
    const task = await before.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, STAFF);
    await d.clock.advance(10);
    await joins(before, 'R2', 'Q0');
    const [mission] = sentTo(d, first);
    before.dispatch.stop(); // crash right after the refusal was stored, before any new round
    await reports(before, 'R1', { ...idle('A'), errors: [{ type: 'orderError', level: 'WARNING', references: [mission.id] }] });
    before.shutdown();
    const after = await process(d);
    await after.boot();
    await reports(after, 'R1', idle('A'));
    await reports(after, 'R2', idle('Q0'));
    await d.clock.advance(10);
    expect(await taskOf(d, task.id)).toMatchObject({ status: 'accepted', robotId: 'M:R2' });
  });
});
