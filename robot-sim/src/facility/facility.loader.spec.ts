import { join } from 'node:path';
import { tinyFacility } from '../../test-fixtures/order-fixtures';
import { loadFacility, parseFacility } from './facility.loader';
import { chargerNodeIds } from './sim-facility';

const DEMO_FACILITY = join(__dirname, '../../../assets/facilities/mco-demo.json');

interface FacilityJson {
  id: string;
  floors?: unknown[];
  nodes: Array<Record<string, unknown>>;
  edges: Array<Record<string, unknown>>;
  elevators: unknown[];
}

function tinyJson(): FacilityJson {
  return {
    id: 't',
    floors: [{ id: 'F0', level: 0 }],
    nodes: [
      { id: 'a', floor: 'F0', x: 0, y: 0, kind: 'charger' },
      { id: 'b', floor: 'F0', x: 1, y: 0, kind: 'something-new' },
    ],
    edges: [{ from: 'a', to: 'b', kind: 'corridor' }],
    elevators: [],
  };
}

describe('facility reading', () => {
  it('reads the demo building: floors, nodes, elevators and chargers', () => {
    const facility = loadFacility(DEMO_FACILITY);
    expect(facility.id).toBe('mco-demo');
    expect(facility.floors.get('F2')?.level).toBe(2);
    expect(facility.elevators.map((elevator) => elevator.id)).toEqual(['E1', 'E2']);
    expect(chargerNodeIds(facility)).toContain('F0-dock-1');
  });

  it('accepts node kinds it does not know', () => {
    expect(parseFacility(tinyJson()).nodes.get('b')?.kind).toBe('something-new');
    expect(chargerNodeIds(tinyFacility())).toEqual(['F0-dock', 'F1-dock']);
  });

  it.each([
    ['a node coordinate', (json: FacilityJson) => (json.nodes[1].x = 'far'), /nodes\[1\]\.x must be a finite number/],
    ['an unknown floor', (json: FacilityJson) => (json.nodes[0].floor = 'F9'), /nodes\[0\]\.floor names unknown floor "F9"/],
    ['an edge to nowhere', (json: FacilityJson) => (json.edges[0].to = 'zz'), /edges\[0\]\.to names unknown node "zz"/],
    ['a duplicate node', (json: FacilityJson) => (json.nodes[1].id = 'a'), /nodes\[1\]\.id duplicates "a"/],
    ['an elevator capacity', (json: FacilityJson) => json.elevators.push({ id: 'L', nodes: ['a', 'b'], capacity: 0, secondsPerFloor: 1, doorSeconds: 1 }), /elevators\[0\]\.capacity must be > 0/],
    ['missing floors', (json: FacilityJson) => delete json.floors, /floors must be an array/],
  ])('names the bad field for %s', (_, breakIt, message) => {
    const json = tinyJson();
    breakIt(json);
    expect(() => parseFacility(json, 'x.json')).toThrow(message);
  });

  it('says which file it could not read', () => {
    expect(() => loadFacility('/nonexistent/facility.json')).toThrow(/cannot read facility \/nonexistent\/facility.json/);
  });
});
