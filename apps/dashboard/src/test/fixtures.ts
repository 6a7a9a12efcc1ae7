import type { Facility, Robot, Task } from '../api/contract';

/**
 * A small two-floor building (deliberately not the demo's ids): a corridor per floor, two rooms each, a kitchen and a
 * lab on the ground floor, one elevator, a charger.
 */
export const smallFacility: Facility = {
  id: 'test-house',
  name: 'Test house',
  timezone: 'Europe/Warsaw',
  floors: [
    { id: 'G', name: 'Ground', level: 0 },
    { id: 'U', name: 'Upper', level: 1 },
  ],
  nodes: [
    { id: 'g-c0', floor: 'G', x: 0, y: 0, kind: 'corridor' },
    { id: 'g-c1', floor: 'G', x: 10, y: 0, kind: 'corridor' },
    { id: 'g-c2', floor: 'G', x: 20, y: 0, kind: 'corridor' },
    { id: 'g-kitchen', floor: 'G', x: 0, y: 5, kind: 'kitchen', label: 'Kitchen' },
    { id: 'g-lab', floor: 'G', x: 10, y: 5, kind: 'lab', label: 'Lab' },
    { id: 'g-dock', floor: 'G', x: 0, y: -3, kind: 'charger', label: 'Dock' },
    { id: 'g-lift', floor: 'G', x: 20, y: -3, kind: 'elevator', elevator: 'L' },
    { id: 'g-r1', floor: 'G', x: 10, y: -4, kind: 'room' },
    { id: 'u-c0', floor: 'U', x: 0, y: 0, kind: 'corridor' },
    { id: 'u-c1', floor: 'U', x: 20, y: 0, kind: 'corridor' },
    { id: 'u-lift', floor: 'U', x: 20, y: -3, kind: 'elevator', elevator: 'L' },
    { id: 'u-r7', floor: 'U', x: 0, y: 4, kind: 'room' },
    { id: 'u-r12', floor: 'U', x: 0, y: -4, kind: 'room' },
  ],
  edges: [
    { from: 'g-c0', to: 'g-c1', kind: 'corridor' },
    { from: 'g-c1', to: 'g-c2', kind: 'corridor' },
    { from: 'g-c0', to: 'g-kitchen', kind: 'door' },
    { from: 'g-c1', to: 'g-lab', kind: 'door' },
    { from: 'g-c0', to: 'g-dock', kind: 'door' },
    { from: 'g-c2', to: 'g-lift', kind: 'door' },
    { from: 'g-c1', to: 'g-r1', kind: 'door' },
    { from: 'g-lift', to: 'u-lift', kind: 'elevator' },
    { from: 'u-lift', to: 'u-c1', kind: 'door' },
    { from: 'u-c1', to: 'u-c0', kind: 'corridor' },
    { from: 'u-c0', to: 'u-r7', kind: 'door' },
    { from: 'u-c0', to: 'u-r12', kind: 'door' },
  ],
  elevators: [{ id: 'L', nodes: ['g-lift', 'u-lift'], capacity: 1, secondsPerFloor: 10, doorSeconds: 5 }],
  rooms: [
    { id: '1', floor: 'G', node: 'g-r1', beds: 1 },
    { id: '7', floor: 'U', node: 'u-r7', beds: 2 },
    { id: '12', floor: 'U', node: 'u-r12', beds: 2 },
  ],
  zones: [],
};

let seq = 0;
export function aTask(overrides: Partial<Task> = {}): Task {
  seq += 1;
  const iso = '2026-11-23T08:00:00.000Z';
  return {
    id: `t${seq}`,
    type: 'meal',
    priority: 'routine',
    status: 'ready',
    kind: 'transport',
    from: 'g-kitchen',
    to: 'u-r7',
    pickAction: 'pick',
    dropAction: 'drop',
    requires: ['pick', 'drop'],
    attempt: 0,
    createdAt: iso,
    updatedAt: iso,
    ...overrides,
  };
}

export function aRobot(overrides: Partial<Robot> = {}): Robot {
  seq += 1;
  return {
    id: `Test:R${seq}`,
    manufacturer: 'Test',
    serialNumber: `R${seq}`,
    name: `Robot ${seq}`,
    state: 'idle',
    connection: 'ONLINE',
    floor: 'G',
    position: { x: 0, y: 0, theta: 0 },
    lastNodeId: 'g-c0',
    battery: 80,
    charging: false,
    paused: false,
    inService: true,
    actions: ['pick', 'drop'],
    speed: 1,
    errors: [],
    ...overrides,
  };
}
