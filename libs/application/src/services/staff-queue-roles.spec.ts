import { Mutex } from 'async-mutex';
import { DomainErrorCode, loadFacility } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { InMemoryRobotStore, InMemoryTaskStore, InMemoryWardStore, ManualClock, RecordingNotifier } from '../testing';
import { isCustodyType } from './custody-missions';
import { FleetRegistry } from './fleet-registry';
import { StaffQueueService } from './staff-queue.service';
import type { StaffIdentity } from './staff-roles';

const nurse: StaffIdentity = { id: 'ewa', username: 'ewa', displayName: 'Ewa', role: 'nurse' };
const carer: StaffIdentity = { id: 'anna', username: 'anna', displayName: 'Anna', role: 'carer' };

function queue() {
  const notifier = new RecordingNotifier();
  let n = 0;
  const custody = { taskTypes: ['medication'] };
  const tasks = new InMemoryTaskStore();
  const staff = new StaffQueueService(tasks, new InMemoryWardStore(), new FleetRegistry(new InMemoryRobotStore(), notifier), loadFacility(smallFacilityJson()), new ManualClock(), { next: () => `t${++n}` }, notifier, { request: () => undefined }, new Mutex(), (task) => isCustodyType(task.type, custody));
  return { staff, tasks };
}

describe('staff queue: who may take a task on', () => {
  it('leaves medication to a nurse: a carer may neither take it on nor close it (only a nurse is recorded as giving medication)', async () => {
    const { staff, tasks } = queue();
    const dose = await staff.create({ type: 'Medication', priority: 'urgent', atNode: 'R1', action: 'giveMedication' }, nurse);
    await expect(staff.complete(dose.id, carer)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden, message: expect.stringMatching(/only a nurse/) });
    await expect(staff.claim(dose.id, carer)).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
    expect((await tasks.get(dose.id))?.status).toBe('ready');
    expect((await staff.complete(dose.id, nurse)).status).toBe('completed');
  });

  it('lets a carer take on and close other work', async () => {
    const { staff } = queue();
    const turn = await staff.create({ type: 'reposition', priority: 'routine', atNode: 'R1', action: 'reposition' }, nurse);
    expect((await staff.claim(turn.id, carer)).staffId).toBe(carer.id);
    expect((await staff.complete(turn.id, carer)).status).toBe('completed');
  });
});
