import { DomainErrorCode } from '../shared/domain-error';
import { smallFacilityJson } from '../testing/small-facility.fixture';
import { loadFacility } from './facility-loader';

describe('Facility lookups', () => {
  const json = smallFacilityJson();
  json.zones = [
    { id: 'quiet', nodes: ['R1', 'R2'], maxSpeed: 0.5 },
    { id: 'slower', nodes: ['R1'], maxSpeed: 0.3 },
    { id: 'rules-only', nodes: ['H1'], quietHours: '22:00-06:00' },
  ];
  const facility = loadFacility(json);

  it('finds nodes, floors, rooms and kinds', () => {
    expect(facility.node('R1')).toMatchObject({ floor: 'F1', x: 20, y: 0 });
    expect(facility.findNode('nope')).toBeUndefined();
    expect(facility.floorOf('L2').id).toBe('F2');
    expect(facility.levelOf('L2')).toBe(2);
    expect(facility.roomNode('201').id).toBe('R2');
    expect(facility.chargers().map((n) => n.id)).toEqual(['Q0', 'M1']);
    expect(facility.elevatorOf('L1')?.id).toBe('X');
    expect(facility.elevatorOf('H1')).toBeUndefined();
    expect(facility.neighbours('B').map((n) => n.nodeId).sort()).toEqual(['A', 'K', 'L0']);
  });

  it.each([
    ['node', () => facility.node('nope')],
    ['room', () => facility.roomNode('999')],
  ])('refuses an unknown %s with UNKNOWN_NODE', (_what, call) => {
    expect(call).toThrow(expect.objectContaining({ code: DomainErrorCode.UnknownNode }));
  });

  it('measures edges as straight lines', () => {
    expect(facility.distanceBetween('A', 'L0')).toBeCloseTo(Math.hypot(10, 5), 9);
  });

  it.each([
    ['R1', ['quiet', 'slower'], 0.3],
    ['R2', ['quiet'], 0.5],
    ['H1', ['rules-only'], undefined],
    ['A', [], undefined],
  ])('zones at %s: %j, max speed %s', (nodeId, zones, maxSpeed) => {
    expect(facility.zonesOf(nodeId).map((z) => z.id)).toEqual(zones);
    expect(facility.maxSpeedAt(nodeId)).toBe(maxSpeed);
  });

  it.each([
    ['H1', 'R1', 0.3],
    ['R1', 'H1', 0.3],
    ['H2', 'R2', 0.5],
    ['A', 'B', undefined],
  ])('edge %s–%s is limited to %s m/s (either end inside a zone)', (a, b, limit) => {
    expect(facility.edgeSpeedLimit(a, b)).toBe(limit);
  });
});
