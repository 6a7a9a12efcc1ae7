import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DISPATCH_CONFIG, loadFacility } from '@opiekun/domain';
import { aRobot, smallFacilityJson } from '../../../../libs/domain/src/testing/small-facility.fixture';
import { WorkerDispatchPlanner } from './worker-dispatch-planner';

/**
 * The planner's handling of its thread, with a stand-in worker script (the real one is compiled JS, absent when tests
 * run from TypeScript): a round at `now` 1 is never answered, a round whose robots were not all sent is refused as the
 * real worker refuses it, any other is answered with no decisions.
 */
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
const known = new Set();
parentPort.on('message', ({ id, request }) => {
  if (request.snapshot.now === 1) return;
  for (const robot of request.changedRobots) known.add(robot.id);
  const missing = request.robotIds.find((r) => !known.has(r));
  if (missing) parentPort.postMessage({ id, error: 'robot ' + missing + ' was never sent' });
  else parentPort.postMessage({ id, decisions: [] });
});
`;

describe('WorkerDispatchPlanner', () => {
  const facility = loadFacility(smallFacilityJson());
  const robots = [aRobot({ id: 'a' }), aRobot({ id: 'b' })];
  const round = (now: number) => ({ now, robots, tasks: [], config: DEFAULT_DISPATCH_CONFIG });
  let dir: string;
  let planner: WorkerDispatchPlanner | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-planner-'));
    writeFileSync(join(dir, 'stand-in.worker.js'), STAND_IN);
  });

  afterEach(async () => {
    await planner?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives up a round its worker does not answer in time, replaces the worker, and the next round is planned (every robot sent again)', async () => {
    // 3 s: long enough for a new worker to start on a loaded machine (100 ms was not, beside the other suites)
    planner = new WorkerDispatchPlanner(facility, 'min-cost', () => new Map(), { roundTimeoutMs: 3_000, workerFile: join(dir, 'stand-in.worker.js') });
    await expect(planner.plan(round(2))).resolves.toEqual([]);
    await expect(planner.plan(round(1))).rejects.toThrow(/no answer within 3000 ms; replaced/);
    // the new worker knows no robot: it is sent all of them, though none changed since the last round
    await expect(planner.plan(round(3))).resolves.toEqual([]);
  });

  it('plans nothing more once closed (no new worker behind a stopping api)', async () => {
    planner = new WorkerDispatchPlanner(facility, 'min-cost', () => new Map(), { workerFile: join(dir, 'stand-in.worker.js') });
    await planner.close();
    await expect(planner.plan(round(2))).rejects.toThrow(/closed/);
  });
});
