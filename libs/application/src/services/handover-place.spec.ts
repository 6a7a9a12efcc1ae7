import { createTask, loadFacility } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { placeNode } from './handover.service';

/** Where the shift handover report places a task — in its open tasks and its alerts alike. */
describe('handover report: where a task happens', () => {
  const facility = loadFacility(smallFacilityJson());
  const rooms = new Set(facility.data.rooms.map((r) => r.node));
  const task = (input: Parameters<typeof createTask>[0]) => createTask(input, { id: 't1', now: 0, facility }).task;

  it('a transport at its room end: a sample from the room to the kitchen is the room’s, a meal to the room too', () => {
    expect(placeNode(task({ type: 'lab-sample', priority: 'routine', from: 'R1', to: 'K' }), rooms)).toBe('R1');
    expect(placeNode(task({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }), rooms)).toBe('R1');
  });

  it('a transport between two places that are no rooms at its destination; a visit where it is', () => {
    expect(placeNode(task({ type: 'supplies', priority: 'routine', from: 'K', to: 'Z' }), rooms)).toBe('Z');
    expect(placeNode(task({ type: 'vitals', priority: 'routine', atNode: 'R2', action: 'measureVitals' }), rooms)).toBe('R2');
  });
});
