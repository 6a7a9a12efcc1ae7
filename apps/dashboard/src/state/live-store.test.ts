import { aRobot, aTask } from '../test/fixtures';
import { LiveStore, type Snapshot } from './live-store';

const immediate = (flush: () => void) => flush();
const fleet = { stopped: false, online: 0, paused: 0 };
const snapshot = (parts: Partial<Snapshot>): Snapshot => ({ robots: [], tasks: [], alerts: [], fleet, ...parts });

describe('LiveStore', () => {
  it('tells listeners at most once per frame however many changes arrive', () => {
    const frames: (() => void)[] = [];
    const store = new LiveStore((flush) => frames.push(flush));
    let calls = 0;
    store.subscribe(() => (calls += 1));
    for (let i = 0; i < 50; i += 1) store.upsertRobot(aRobot());
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(calls).toBe(1);
    expect(store.getState().robots.size).toBe(50);
  });

  it('keeps the newer of two versions of a task', () => {
    const store = new LiveStore(immediate);
    const task = aTask({ status: 'in-progress', updatedAt: '2026-11-23T08:05:00Z' });
    store.upsertTask(task);
    store.upsertTask({ ...task, status: 'accepted', updatedAt: '2026-11-23T08:01:00Z' });
    expect(store.getState().tasks.get(task.id)!.status).toBe('in-progress');
  });

  it('re-syncs from REST after a drop without losing what the socket said meanwhile', () => {
    const store = new LiveStore(immediate);
    const stale = aTask({ status: 'ready' });
    const gone = aTask({ status: 'ready' });
    store.upsertTask(stale);
    store.upsertTask(gone);
    store.setConnection('offline');

    store.beginSync();
    const robot = aRobot({ battery: 50 });
    const fromSocket = aTask({ status: 'requested', updatedAt: '2026-11-23T09:00:00Z' });
    store.upsertRobot({ ...robot, battery: 49 });
    store.upsertTask(fromSocket);
    const completed = { ...stale, status: 'completed' as const, updatedAt: '2026-11-23T08:30:00Z', finishedAt: '2026-11-23T08:30:00Z' };
    store.applySnapshot(snapshot({ robots: [robot], tasks: [completed] }), Date.parse('2026-11-23T09:00:01Z'));

    const state = store.getState();
    expect(state.tasks.get(stale.id)!.status).toBe('completed');
    expect(state.tasks.has(gone.id)).toBe(false);
    expect(state.tasks.has(fromSocket.id)).toBe(true);
    expect(state.robots.get(robot.id)!.battery).toBe(49);
    expect(state.syncedAt).toBeDefined();
  });

  it('notes a transport as picked up once its robot stands at the pick-up while under way', () => {
    const store = new LiveStore(immediate);
    const task = aTask({ status: 'in-progress', from: 'g-kitchen' });
    store.upsertTask(task);
    store.upsertRobot(aRobot({ currentTaskId: task.id, lastNodeId: 'g-c0' }));
    expect(store.getState().pickedUp.has(task.id)).toBe(false);
    store.upsertRobot(aRobot({ currentTaskId: task.id, lastNodeId: 'g-kitchen' }));
    expect(store.getState().pickedUp.has(task.id)).toBe(true);
  });
});
