import type { Robot, Task } from '@opiekun/domain';
import { EventBus } from './event-bus';
import { EventLog } from './event-log';

const robot = (connection: Robot['connection']): Robot =>
  ({ id: 'SimCare:SC-001', name: 'SC-001', connection, lastNodeId: 'F0-dock-1', actions: [], errors: [], inService: true, paused: false, charging: false, driving: false, working: false, speed: 1 }) as unknown as Robot;
const task = { id: 't1', type: 'meal', priority: 'routine', attempt: 1 } as Task;

describe('EventLog: what happened, one line each, in the api log', () => {
  const setUp = () => {
    const bus = new EventBus();
    const lines: string[] = [];
    const log = new EventLog(bus, { log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`) });
    log.onApplicationBootstrap();
    return { bus, lines, log };
  };

  it('logs a robot joining and leaving, not every state it sends', () => {
    const { bus, lines } = setUp();
    bus.robotChanged(robot('OFFLINE'));
    bus.robotChanged(robot('ONLINE'));
    bus.robotChanged(robot('ONLINE'));
    bus.robotChanged(robot('CONNECTIONBROKEN'));
    expect(lines).toEqual(['log robot SC-001 (SimCare:SC-001): ONLINE at F0-dock-1', 'log robot SC-001 (SimCare:SC-001): CONNECTIONBROKEN at F0-dock-1']);
  });

  it("logs a task's milestones with who and why, and every alert as a warning", () => {
    const { bus, lines, log } = setUp();
    const at = 0;
    bus.taskChanged(task, { taskId: 't1', at, from: null, to: 'requested', cause: { kind: 'staff', id: 'u-nurse' } });
    bus.taskChanged(task, { taskId: 't1', at, from: 'requested', to: 'ready', cause: { kind: 'system' } });
    bus.taskChanged(task, { taskId: 't1', at, from: 'ready', to: 'accepted', cause: { kind: 'system', id: 'dispatcher' }, robotId: 'SimCare:SC-001' });
    bus.taskChanged(task, { taskId: 't1', at, from: 'accepted', to: 'in-progress', cause: { kind: 'robot', id: 'SimCare:SC-001' } });
    bus.taskChanged(task, { taskId: 't1', at, from: 'in-progress', to: 'ready', cause: { kind: 'robot', id: 'SimCare:SC-001', reason: 'pick failed' } });
    bus.taskChanged(task, { taskId: 't1', at, from: 'ready', to: 'cancelled', cause: { kind: 'staff', id: 'u-nurse', reason: 'not needed' } });
    bus.alert({ id: 'a1', at, kind: 'robot-failing', severity: 'warning', message: 'Robot SC-001 gave up its last 3 tasks' });
    expect(lines).toEqual([
      'log task t1 (meal, routine): raised by u-nurse',
      'log task t1 (meal, routine): given to robot SimCare:SC-001 (attempt 1)',
      'log task t1 (meal, routine): back in the queue (was in-progress): pick failed',
      'log task t1 (meal, routine): cancelled by u-nurse: not needed',
      'warn alert (warning, robot-failing): Robot SC-001 gave up its last 3 tasks',
    ]);
    log.onApplicationShutdown();
    bus.alert({ id: 'a2', at, kind: 'low-battery', severity: 'warning', message: 'after shutdown' });
    expect(lines).toHaveLength(5);
  });
});
