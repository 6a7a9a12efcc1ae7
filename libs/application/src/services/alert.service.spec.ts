import { DomainErrorCode } from '@opiekun/domain';
import { AlertService } from './alert.service';
import { aTask, carer, ManualClock, MemoryAlertStore, MemoryTaskStore } from './dashboard-doubles.fixture';

function setUp() {
  const store = new MemoryAlertStore();
  const tasks = new MemoryTaskStore();
  const clock = new ManualClock();
  const service = new AlertService(store, tasks, clock);
  const heard: string[] = [];
  service.onChange((a) => heard.push(`${a.id}:${a.acknowledgedAt === undefined ? 'open' : 'ack'}`));
  return { store, tasks, clock, service, heard };
}

const offline = { id: 'a1', at: 1, kind: 'robot-offline' as const, severity: 'warning' as const, robotId: 'r1', message: 'Robot r1 is offline.' };

describe('AlertService', () => {
  it('keeps an alert once however often it is raised, and announces it once', async () => {
    const { store, service, heard } = setUp();
    expect(await service.record(offline)).toMatchObject({ id: 'a1' });
    expect(await service.record(offline)).toBeUndefined();
    expect([...store.alerts.keys()]).toEqual(['a1']);
    expect(heard).toEqual(['a1:open']);
  });

  it('makes an alert about a stat task a stat alert', async () => {
    const { store, tasks, service } = setUp();
    tasks.put(aTask({ id: 't-stat', priority: 'stat' }), aTask({ id: 't-routine' }));
    await service.record({ id: 'f1', at: 1, kind: 'task-failed', severity: 'warning', taskId: 't-stat', message: 'failed' });
    await service.record({ id: 'f2', at: 2, kind: 'task-failed', severity: 'warning', taskId: 't-routine', message: 'failed' });
    expect(store.alerts.get('f1')!.severity).toBe('stat');
    expect(store.alerts.get('f2')!.severity).toBe('warning');
  });

  it('records who acknowledged and when, once; the alert leaves the open list', async () => {
    const { store, clock, service, heard } = setUp();
    await service.record(offline);
    const acknowledged = await service.acknowledge('a1', carer);
    expect(acknowledged).toMatchObject({ acknowledgedAt: clock.now(), acknowledgedBy: 'u-carer', acknowledgedByName: 'Anna' });
    clock.advance(60_000);
    expect((await service.acknowledge('a1', carer)).acknowledgedAt).toBe(acknowledged.acknowledgedAt);
    expect(await service.list({ openOnly: true, limit: 10 })).toEqual([]);
    expect(store.alerts.get('a1')!.acknowledgedBy).toBe('u-carer');
    expect(heard).toEqual(['a1:open', 'a1:ack']);
  });

  it('answers ALERT_NOT_FOUND for an unknown alert', async () => {
    await expect(setUp().service.acknowledge('nope', carer)).rejects.toMatchObject({ code: DomainErrorCode.AlertNotFound });
  });
});
