import { FacilityIndex } from '../facility/facility-index';
import { smallFacility } from '../test/fixtures';
import { FacilityRouter } from './facility-router';

describe('FacilityRouter', () => {
  const facility = new FacilityIndex(smallFacility);
  const router = new FacilityRouter(facility);

  it('drives along corridors at the robot speed', () => {
    const leg = router.leg('g-c0', 'g-c2', 2)!;
    expect(leg.nodes).toEqual(['g-c0', 'g-c1', 'g-c2']);
    expect(leg.seconds).toBeCloseTo(10);
  });

  it('rides the elevator between floors, costing seconds per floor plus doors', () => {
    const leg = router.leg('g-c2', 'u-c1', 1)!;
    expect(leg.nodes).toEqual(['g-c2', 'g-lift', 'u-lift', 'u-c1']);
    expect(leg.seconds).toBeCloseTo(3 + 15 + 3);
  });

  it('chains stops and reports unreachable ones', () => {
    expect(router.route(['g-dock', 'g-kitchen', 'u-r7'], 1)!.nodes.at(-1)).toBe('u-r7');
    expect(router.leg('g-c0', 'nowhere', 1)).toBeUndefined();
  });
});
