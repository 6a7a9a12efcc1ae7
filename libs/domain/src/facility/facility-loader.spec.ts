import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { smallFacilityJson } from '../testing/small-facility.fixture';
import { loadFacility } from './facility-loader';

const demoPath = path.resolve(__dirname, '../../../../assets/facilities/mco-demo.json');

function problemsOf(json: unknown): readonly string[] {
  try {
    loadFacility(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(DomainErrorCode.FacilityInvalid);
    return (e as DomainError).details ?? [];
  }
  throw new Error('expected the facility to be refused');
}

type Json = ReturnType<typeof smallFacilityJson>;

describe('loadFacility', () => {
  it('loads the demo building: every floor, node and elevator', () => {
    const facility = loadFacility(JSON.parse(fs.readFileSync(demoPath, 'utf8')));
    expect(facility.floors.map((f) => f.id)).toEqual(['F0', 'F1', 'F2']);
    expect(facility.nodes.length).toBe(94);
    expect(facility.chargers().length).toBe(5);
    expect(facility.elevatorOf('F1-E2')?.id).toBe('E2');
  });

  it('loads the small test building', () => {
    expect(loadFacility(smallFacilityJson()).hasNode('R2')).toBe(true);
  });

  it('accepts node kinds it has never heard of', () => {
    const json = smallFacilityJson();
    json.nodes.push({ id: 'P', floor: 'F0', x: 1, y: 1, kind: 'aquarium' });
    expect(loadFacility(json).nodesOfKind('aquarium').map((n) => n.id)).toEqual(['P']);
  });

  it.each<[string, (j: Json) => void, string]>([
    ['a dangling edge, named', (j) => j.edges.push({ from: 'A', to: 'F9-X', kind: 'door' }), 'edge #11 (A → F9-X): unknown node F9-X'],
    ['a node on an unknown floor', (j) => j.nodes.push({ id: 'N', floor: 'F9', x: 0, y: 0, kind: 'corridor' }), 'node N: unknown floor F9'],
    ['bad quietHours', (j) => (j.zones = [{ id: 'q', nodes: ['R1'], quietHours: '22:00-6:00' }]), 'zone q: quietHours "22:00-6:00" must be HH:MM-HH:MM'],
    ['quietHours out of range', (j) => (j.zones = [{ id: 'q', nodes: ['R1'], quietHours: '24:00-06:00' }]), 'zone q: quietHours'],
    ['an unknown time zone', (j) => (j.timezone = 'Europe/Atlantis'), 'timezone "Europe/Atlantis" is not an IANA time zone'],
    ['a duplicate node id', (j) => j.nodes.push({ id: 'A', floor: 'F0', x: 9, y: 9, kind: 'corridor' }), 'node id "A" is used more than once'],
    ['a wrongly typed coordinate', (j) => (j.nodes[0]!.x = '0'), 'node #0 (A): x must be a number (got "0")'],
    ['a missing node kind', (j) => delete j.nodes[1]!.kind, 'node #1 (B): kind must be a non-empty string (missing)'],
    ['an elevator edge skipping a floor', (j) => j.edges.push({ from: 'L0', to: 'L2', kind: 'elevator' }), 'edge #11 (L0 → L2): an elevator edge must join adjacent floors (levels 0 and 2)'],
    ['an elevator edge outside a shaft', (j) => j.edges.push({ from: 'B', to: 'H1', kind: 'elevator' }), 'edge #11 (B → H1): an elevator edge must join two nodes of the same elevator'],
    ['an elevator edge naming another shaft', (j) => (j.edges[9]!.elevator = 'Y'), 'edge #9 (L0 → L1): names elevator Y but its nodes belong to X'],
    ['a corridor between floors', (j) => j.edges.push({ from: 'B', to: 'H1', kind: 'corridor' }), 'edge #11 (B → H1): joins floors F0 and F1; only an elevator edge may'],
    ['an elevator listing an unknown node', (j) => ((j.elevators as { nodes: string[] }[])[0]!.nodes = ['L0', 'L1', 'L9']), 'elevator X: unknown node L9'],
    ['a zero elevator capacity', (j) => ((j.elevators as { capacity: number }[])[0]!.capacity = 0), 'elevator #0 (X): capacity must be positive (got 0)'],
    ['a negative secondsPerFloor', (j) => ((j.elevators as { secondsPerFloor: number }[])[0]!.secondsPerFloor = -1), 'secondsPerFloor must be positive'],
    ['a room at an unknown node', (j) => ((j.rooms as { node: string }[])[0]!.node = 'R9'), 'room 101: unknown node R9'],
    ['a zone naming an unknown node', (j) => (j.zones = [{ id: 'q', nodes: ['R9'] }]), 'zone q: unknown node R9'],
    ['a zero zone speed', (j) => (j.zones = [{ id: 'q', nodes: ['R1'], maxSpeed: 0 }]), 'zone #0 (q): maxSpeed must be positive'],
    ['two floors on one level', (j) => (j.floors as { level: number }[]).push({ level: 1, id: 'F1b', name: 'x' } as never), 'floor F1b: level 1 is also the level of floor F1'],
    ['edges that are not a list', (j) => (j.edges = 'none' as never), 'facility: edges must be a list'],
  ])('refuses %s', (_what, spoil, expected) => {
    const json = smallFacilityJson();
    spoil(json);
    expect(problemsOf(json)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it('lists every problem at once, in the message too', () => {
    const json = smallFacilityJson();
    json.edges.push({ from: 'A', to: 'F9-X', kind: 'door' });
    json.timezone = 'Mars/Olympus';
    json.nodes.push({ id: 'N', floor: 'F9', x: 0, y: 0, kind: 'corridor' });
    const problems = problemsOf(json);
    expect(problems).toHaveLength(3);
    expect(() => loadFacility(json)).toThrow(/\(3 problems\):\n- .*Mars[\s\S]*unknown node F9-X/);
  });

  it('refuses something that is not an object', () => {
    expect(problemsOf([1, 2])).toEqual(['facility: must be a JSON object']);
  });
});
