import { FacilityIndex } from '../facility/facility-index';
import { aTask, smallFacility } from '../test/fixtures';
import { filterTasks, isFiltering, knownTypes, matchesFilter } from './task-filters';
import { taskFloor } from './task-model';

const facility = new FacilityIndex(smallFacility);

describe('task filters', () => {
  const mealUpstairs = aTask({ type: 'meal', priority: 'routine', from: 'g-kitchen', to: 'u-r7' });
  const labFromGround = aTask({ type: 'lab-sample', priority: 'urgent', from: 'g-r1', to: 'g-lab' });
  const vitalsUpstairs = aTask({ type: 'vitals', priority: 'stat', kind: 'visit', from: undefined, to: undefined, atNode: 'u-r12', action: 'measureVitals' });
  const all = [mealUpstairs, labFromGround, vitalsUpstairs];

  it("places a task on its resident's floor, whichever end the room is", () => {
    expect(taskFloor(mealUpstairs, facility)).toBe('U');
    expect(taskFloor(labFromGround, facility)).toBe('G');
    expect(taskFloor(vitalsUpstairs, facility)).toBe('U');
  });

  it('filters by floor, type and priority, alone and combined', () => {
    expect(filterTasks(all, { floor: 'U' }, facility)).toEqual([mealUpstairs, vitalsUpstairs]);
    expect(filterTasks(all, { type: 'lab-sample' }, facility)).toEqual([labFromGround]);
    expect(filterTasks(all, { priority: 'stat' }, facility)).toEqual([vitalsUpstairs]);
    expect(filterTasks(all, { floor: 'U', priority: 'routine' }, facility)).toEqual([mealUpstairs]);
    expect(filterTasks(all, { floor: 'G', type: 'meal' }, facility)).toEqual([]);
    expect(filterTasks(all, {}, facility)).toEqual(all);
  });

  it('knows when it filters and which types to offer', () => {
    expect(isFiltering({})).toBe(false);
    expect(isFiltering({ type: 'meal' })).toBe(true);
    expect(matchesFilter(mealUpstairs, { type: 'linen' }, facility)).toBe(false);
    expect(knownTypes([aTask({ type: 'wound-care' })], ['meal'])).toEqual(['meal', 'wound-care']);
  });
});
