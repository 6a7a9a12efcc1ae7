import type { Robot } from '@opiekun/domain';
import { AlertWatchService } from './alert-watch.service';
import { aTask, ManualClock, MemoryTaskStore, RecordingNotifier } from './dashboard-doubles.fixture';

const robot = (overrides: Partial<Robot> = {}): Robot => ({
  id: 'M:r1',
  manufacturer: 'M',
  serialNumber: 'r1',
  name: 'Kuba',
  actions: [],
  speed: 1,
  connection: 'ONLINE',
  battery: 50,
  charging: false,
  driving: false,
  paused: false,
  working: false,
  errors: [],
  inService: true,
  ...overrides,
});

function setUp() {
  const tasks = new MemoryTaskStore();
  const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
  const notifier = new RecordingNotifier();
  const watch = new AlertWatchService(tasks, clock, notifier, { lowBattery: 15, batteryRecovered: 40, overdueCheckMs: 10_000 });
  return { tasks, clock, notifier, watch };
}

describe('AlertWatchService', () => {
  it('raises a low battery once until the robot has charged again', () => {
    const { notifier, watch } = setUp();
    watch.onRobotChanged(robot({ battery: 20 }));
    watch.onRobotChanged(robot({ battery: 14 }));
    watch.onRobotChanged(robot({ battery: 12 }));
    watch.onRobotChanged(robot({ battery: 12, charging: true }));
    watch.onRobotChanged(robot({ battery: 45 }));
    watch.onRobotChanged(robot({ battery: 10 }));
    expect(notifier.alerts.map((a) => a.kind)).toEqual(['low-battery', 'low-battery']);
  });

  it('raises a fatal robot error when it appears, not while it stays', () => {
    const { notifier, watch } = setUp();
    const fatal = [{ type: 'bumper', level: 'FATAL' as const, description: 'bumper pressed' }];
    watch.onRobotChanged(robot({ errors: [{ type: 'slow', level: 'WARNING' }] }));
    watch.onRobotChanged(robot({ errors: fatal }));
    watch.onRobotChanged(robot({ errors: fatal }));
    watch.onRobotChanged(robot({ errors: [] }));
    watch.onRobotChanged(robot({ errors: fatal }));
    expect(notifier.alerts.map((a) => [a.kind, a.message])).toEqual([
      ['robot-error', 'Robot Kuba reports bumper pressed.'],
      ['robot-error', 'Robot Kuba reports bumper pressed.'],
    ]);
  });

  it('checks deadlines on its own clock and alerts each overdue task once, stat ones as stat', async () => {
    const { tasks, clock, notifier, watch } = setUp();
    const now = clock.now();
    tasks.put(
      aTask({ id: 'late', deadline: now + 5_000 }),
      aTask({ id: 'late-stat', priority: 'stat', deadline: now + 5_000, status: 'in-progress' }),
      aTask({ id: 'fine', deadline: now + 3600_000 }),
      aTask({ id: 'done', deadline: now - 1, status: 'completed' }),
    );
    watch.start();
    clock.advance(10_000);
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(10_000);
    await new Promise((resolve) => setImmediate(resolve));
    watch.stop();
    expect(notifier.alerts.map((a) => [a.id, a.severity])).toEqual([
      ['overdue-late', 'warning'],
      ['overdue-late-stat', 'stat'],
    ]);
  });
});
