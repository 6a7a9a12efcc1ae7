import { FacilityIndex } from '../facility/facility-index';
import { FacilityRouter } from '../routing/facility-router';
import { aRobot, aTask, smallFacility } from '../test/fixtures';
import { estimateEta } from './task-eta';

const facility = new FacilityIndex(smallFacility);
const router = new FacilityRouter(facility);
const now = Date.parse('2026-11-23T08:00:00Z');
/** The api's default CUSTODY_TASK_TYPES. */
const CUSTODY = ['medication'];

describe('task ETA', () => {
  const robot = aRobot({ lastNodeId: 'g-c0', speed: 1 });

  it('counts the way to the pick-up, the ride up, the way to the room and the work there', () => {
    const task = aTask({ status: 'in-progress', robotId: robot.id, from: 'g-kitchen', to: 'u-r7', serviceS: 20 });
    // g-c0→kitchen 5, kitchen→c0 5, c0→c2 20, c2→lift 3, ride 15, lift→u-c1 3, u-c1→u-c0 20, u-c0→r7 4, work 20
    const eta = estimateEta(task, robot, router, now, false, CUSTODY);
    expect(eta).toEqual({ kind: 'estimate', seconds: 95, at: now + 95_000 });
  });

  it('skips the pick-up once the robot has been there', () => {
    const task = aTask({ status: 'in-progress', robotId: robot.id, from: 'g-kitchen', to: 'u-r7', serviceS: 0 });
    const eta = estimateEta(task, aRobot({ lastNodeId: 'g-kitchen' }), router, now, true, CUSTODY);
    expect(eta).toMatchObject({ kind: 'estimate', seconds: 5 + 20 + 3 + 15 + 3 + 20 + 4 });
  });

  it('estimates a visit from where the robot stands', () => {
    const task = aTask({ status: 'accepted', kind: 'visit', from: undefined, to: undefined, atNode: 'g-r1', action: 'measureVitals', serviceS: 180 });
    expect(estimateEta(task, aRobot({ lastNodeId: 'g-c1' }), router, now, false, CUSTODY)).toMatchObject({ seconds: 4 + 180 });
  });

  it('gives no time while the robot is paused, offline or in error, nor for waiting tasks', () => {
    const task = aTask({ status: 'in-progress' });
    expect(estimateEta(task, aRobot({ paused: true }), router, now, false, CUSTODY)).toEqual({ kind: 'held', reason: 'paused' });
    expect(estimateEta(task, aRobot({ state: 'offline' }), router, now, false, CUSTODY)).toEqual({ kind: 'held', reason: 'offline' });
    expect(estimateEta(task, aRobot({ state: 'error' }), router, now, false, CUSTODY)).toEqual({ kind: 'held', reason: 'error' });
    expect(estimateEta(aTask({ status: 'ready' }), robot, router, now, false, CUSTODY)).toEqual({ kind: 'unknown' });
    expect(estimateEta(task, undefined, router, now, false, CUSTODY)).toEqual({ kind: 'unknown' });
  });

  it('gives no time while a medication robot waits for a nurse: to be loaded at the pick-up, or at the room on hold', () => {
    const medication = aTask({ type: 'medication', status: 'in-progress', robotId: robot.id, from: 'g-kitchen', to: 'u-r7' });
    expect(estimateEta(medication, aRobot({ lastNodeId: 'g-kitchen', state: 'working' }), router, now, true, CUSTODY)).toEqual({ kind: 'waiting', for: 'load' });
    expect(estimateEta({ ...medication, status: 'on-hold' }, aRobot({ lastNodeId: 'u-r7' }), router, now, true, CUSTODY)).toEqual({ kind: 'waiting', for: 'handover' });
    // loaded and on its way, or any other cargo at its pick-up: a time again
    expect(estimateEta(medication, aRobot({ lastNodeId: 'g-kitchen', state: 'moving' }), router, now, true, CUSTODY)).toMatchObject({ kind: 'estimate' });
    expect(estimateEta({ ...medication, type: 'meal' }, aRobot({ lastNodeId: 'g-kitchen' }), router, now, true, CUSTODY)).toMatchObject({ kind: 'estimate' });
  });

  it('waits by the api\'s custody types, whatever they are called', () => {
    const atPharmacy = aRobot({ lastNodeId: 'g-kitchen', state: 'working' });
    const drug = aTask({ type: 'Controlled-Drug', status: 'in-progress', robotId: atPharmacy.id, from: 'g-kitchen', to: 'u-r7' });
    expect(estimateEta(drug, atPharmacy, router, now, true, ['controlled-drug'])).toEqual({ kind: 'waiting', for: 'load' });
    expect(estimateEta({ ...drug, type: 'medication' }, atPharmacy, router, now, true, ['controlled-drug'])).toMatchObject({ kind: 'estimate' });
  });
});
