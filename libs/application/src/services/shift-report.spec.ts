import { aTask } from './dashboard-doubles.fixture';
import { summariseShift } from './shift-report';
import { ShiftReportService } from './shift-report.service';
import { ManualClock, MemoryTaskStore } from './dashboard-doubles.fixture';
import { DomainErrorCode } from '@opiekun/domain';

const day = { date: '2026-11-23', timezone: 'Europe/Warsaw', from: Date.parse('2026-11-23T00:00:00+01:00'), to: Date.parse('2026-11-24T00:00:00+01:00') };
const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+01:00`);

describe('shift report', () => {
  const tasks = [
    // meal: created 08:00, started 08:10, done 08:20 with deadline 08:30 → on time, waited 10 min, worked 10 min
    aTask({ id: 'm1', type: 'meal', status: 'completed', robotId: 'r1', createdAt: at('08:00'), startedAt: at('08:10'), finishedAt: at('08:20'), deadline: at('08:30') }),
    // meal: could only start at 09:00, started 09:05, done 09:50 after its 09:40 deadline → late, waited 5 min
    aTask({ id: 'm2', type: 'meal', status: 'completed', robotId: 'r2', createdAt: at('08:00'), earliestStart: at('09:00'), startedAt: at('09:05'), finishedAt: at('09:50'), deadline: at('09:40') }),
    // vitals without deadline
    aTask({ id: 'v1', type: 'vitals', status: 'completed', robotId: 'r1', createdAt: at('10:00'), startedAt: at('10:00'), finishedAt: at('10:30') }),
    aTask({ id: 'f1', type: 'meal', status: 'failed', robotId: 'r2', createdAt: at('11:00'), startedAt: at('11:00'), finishedAt: at('11:06') }),
    aTask({ id: 'c1', type: 'linen', status: 'cancelled', createdAt: at('11:00'), finishedAt: at('11:01') }),
    // ended yesterday: not counted
    aTask({ id: 'old', type: 'meal', status: 'completed', robotId: 'r1', createdAt: at('08:00') - 86_400_000, startedAt: at('08:00') - 86_400_000, finishedAt: at('09:00') - 86_400_000 }),
  ];

  it('counts completed, failed and cancelled by type, on-time rate, average wait and robot working time', () => {
    const report = summariseShift(tasks, day);
    expect(report).toMatchObject({ completed: 3, failed: 1, cancelled: 1, onTimeRate: 0.5, averageWaitS: (600 + 300 + 0) / 3 });
    expect(report.robotWorkS).toBe(600 + 2700 + 1800 + 360);
    expect(report.byType.map((t) => [t.type, t.completed, t.onTime, t.withDeadline])).toEqual([
      ['meal', 2, 1, 2],
      ['vitals', 1, 0, 0],
      ['linen', 0, 0, 0],
    ]);
    expect(report.byRobot).toEqual([
      { robotId: 'r2', tasks: 1, workS: 2700 + 360 },
      { robotId: 'r1', tasks: 2, workS: 600 + 1800 },
    ]);
  });

  it('has no rates for a day without tasks', () => {
    expect(summariseShift([], day)).toMatchObject({ completed: 0, onTimeRate: null, averageWaitS: null, robotWorkS: 0, byType: [] });
  });

  it("reads the stored tasks of the facility's local day, today by default", async () => {
    const store = new MemoryTaskStore();
    store.put(...tasks);
    const service = new ShiftReportService(store, 'Europe/Warsaw', new ManualClock(at('23:30')));
    expect(service.today()).toBe('2026-11-23');
    const report = await service.report();
    expect(report).toMatchObject({ date: '2026-11-23', completed: 3, from: day.from, to: day.to });
    await expect(service.report('2026-02-30')).rejects.toMatchObject({ code: DomainErrorCode.InvalidArgument });
  });
});
