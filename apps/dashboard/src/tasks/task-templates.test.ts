import { FacilityIndex } from '../facility/facility-index';
import { FacilityRouter } from '../routing/facility-router';
import { aRobot, smallFacility } from '../test/fixtures';
import { availability, buildTaskBody, requiredActions, TASK_TEMPLATES, type TaskTemplate } from './task-templates';

const facility = new FacilityIndex(smallFacility);
const router = new FacilityRouter(facility);
const template = (type: string) => TASK_TEMPLATES.find((t) => t.type === type) as TaskTemplate;

describe('task templates', () => {
  it('covers the care tasks staff ask for', () => {
    expect(TASK_TEMPLATES.map((t) => t.type)).toEqual(['meal', 'linen', 'medication', 'lab-sample', 'vitals', 'supplies', 'companion-call']);
    expect(requiredActions(template('medication'))).toEqual(['pick', 'deliverMedication']);
    expect(requiredActions(template('vitals'))).toEqual(['measureVitals']);
  });

  it('turns a meal into a transport from the kitchen (found by kind) to the room', () => {
    const body = buildTaskBody({ template: template('meal'), roomNode: 'u-r7', priority: 'urgent', deadline: Date.parse('2026-11-23T09:00:00Z'), note: '  no salt ' }, facility, router);
    expect(body).toEqual({
      type: 'meal',
      priority: 'urgent',
      from: 'g-kitchen',
      to: 'u-r7',
      pickAction: 'pick',
      dropAction: 'drop',
      deadline: '2026-11-23T09:00:00.000Z',
      note: 'no salt',
      serviceS: 20,
    });
  });

  it('takes a lab sample from the room to the lab, and makes vitals a visit', () => {
    expect(buildTaskBody({ template: template('lab-sample'), roomNode: 'g-r1', priority: 'routine' }, facility, router)).toMatchObject({ from: 'g-r1', to: 'g-lab' });
    expect(buildTaskBody({ template: template('vitals'), roomNode: 'u-r12', priority: 'routine' }, facility, router)).toMatchObject({ atNode: 'u-r12', action: 'measureVitals' });
  });

  it('has no body for a service the building lacks', () => {
    expect(buildTaskBody({ template: template('linen'), roomNode: 'u-r7', priority: 'routine' }, facility, router)).toBeUndefined();
  });

  it('offers only what the fleet can do, and says why not', () => {
    const carrier = aRobot({ actions: ['pick', 'drop'] });
    expect(availability(template('meal'), [carrier], facility, false)).toEqual({ kind: 'available', robots: 1 });
    expect(availability(template('vitals'), [carrier], facility, false)).toEqual({ kind: 'no-robot-can' });
    expect(availability(template('linen'), [carrier], facility, false)).toEqual({ kind: 'no-service' });
    expect(availability(template('meal'), [aRobot({ state: 'offline' })], facility, false)).toEqual({ kind: 'no-robot-free', robots: 1 });
    expect(availability(template('meal'), [aRobot({ inService: false })], facility, false)).toEqual({ kind: 'no-robot-free', robots: 1 });
    expect(availability(template('meal'), [carrier], facility, true)).toEqual({ kind: 'no-robot-free', robots: 1 });
  });
});
