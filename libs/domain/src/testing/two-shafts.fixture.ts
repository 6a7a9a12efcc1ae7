import { loadFacility } from '../facility/facility-loader';

/**
 * Two shafts from the ground floor to the first: X nearer the start, Y `detourM` metres farther (10 s of doors, 5 s a
 * floor, capacity 1 unless told).
 *
 *   F1:  X1 ─5─ R ─5+d─ Y1
 *        ║             ║
 *   F0:  X0 ─5─ S ─5+d─ Y0          (K, a kitchen, beyond S: S ─10─ K)
 */
export function twoShafts(detourM: number, capacity = 1) {
  const node = (id: string, floor: string, x: number, kind: string, extra: object = {}) => ({ id, floor, x, y: 0, kind, ...extra });
  return loadFacility({
    id: 'two-shafts',
    name: 'Two shafts',
    timezone: 'Europe/Warsaw',
    floors: [
      { id: 'F0', name: 'Ground', level: 0 },
      { id: 'F1', name: 'First', level: 1 },
    ],
    nodes: [
      node('X0', 'F0', 0, 'elevator', { elevator: 'X' }),
      node('S', 'F0', 5, 'corridor'),
      node('K', 'F0', 5, 'kitchen'),
      node('Y0', 'F0', 10 + detourM, 'elevator', { elevator: 'Y' }),
      node('X1', 'F1', 0, 'elevator', { elevator: 'X' }),
      { id: 'R', floor: 'F1', x: 5, y: 0, kind: 'room', room: '101' },
      node('Y1', 'F1', 10 + detourM, 'elevator', { elevator: 'Y' }),
    ].map((n) => (n.id === 'K' ? { ...n, y: 10 } : n)),
    edges: [
      { from: 'X0', to: 'S', kind: 'corridor' },
      { from: 'S', to: 'Y0', kind: 'corridor' },
      { from: 'S', to: 'K', kind: 'door' },
      { from: 'X1', to: 'R', kind: 'corridor' },
      { from: 'R', to: 'Y1', kind: 'corridor' },
      { from: 'X0', to: 'X1', kind: 'elevator' },
      { from: 'Y0', to: 'Y1', kind: 'elevator' },
    ],
    elevators: [
      { id: 'X', nodes: ['X0', 'X1'], capacity, secondsPerFloor: 5, doorSeconds: 10 },
      { id: 'Y', nodes: ['Y0', 'Y1'], capacity, secondsPerFloor: 5, doorSeconds: 10 },
    ],
    rooms: [{ id: '101', floor: 'F1', node: 'R', beds: 1 }],
    zones: [],
  });
}
