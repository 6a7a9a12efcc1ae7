import type { DispatchRobot } from '../dispatch/dispatch-policy';

/**
 * Three floors, one elevator shaft X (L0/L1/L2: 5 s a floor, 10 s of doors), a quiet zone on the rooms R1 and R2
 * (0.5 m/s), chargers Q0 and M1, a kitchen K, and an island node Z that nothing reaches.
 *
 *   F0:  Q0 ─5─ A ─10─ B ─10─ K        F1:  M1 ─10─ H1 ─10─ R1      F2:  H2 ─10─ R2
 *                      │5                          │5                    │5
 *                      L0 ══════════════════════ L1 ══════════════════ L2
 */
export function smallFacilityJson(): Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } {
  const node = (id: string, floor: string, x: number, y: number, kind: string, extra: object = {}) => ({ id, floor, x, y, kind, ...extra });
  return {
    id: 'small',
    name: 'Small test building',
    timezone: 'Europe/Warsaw',
    floors: [
      { id: 'F0', name: 'Ground', level: 0 },
      { id: 'F1', name: 'First', level: 1 },
      { id: 'F2', name: 'Second', level: 2 },
    ],
    nodes: [
      node('A', 'F0', 0, 0, 'corridor'),
      node('B', 'F0', 10, 0, 'corridor'),
      node('K', 'F0', 20, 0, 'kitchen'),
      node('Q0', 'F0', 0, 5, 'charger'),
      node('L0', 'F0', 10, 5, 'elevator', { elevator: 'X' }),
      node('Z', 'F0', 50, 50, 'storage'),
      node('M1', 'F1', 0, 0, 'charger'),
      node('H1', 'F1', 10, 0, 'corridor'),
      node('R1', 'F1', 20, 0, 'room', { room: '101' }),
      node('L1', 'F1', 10, 5, 'elevator', { elevator: 'X' }),
      node('H2', 'F2', 10, 0, 'corridor'),
      node('R2', 'F2', 20, 0, 'room', { room: '201' }),
      node('L2', 'F2', 10, 5, 'elevator', { elevator: 'X' }),
    ],
    edges: [
      { from: 'Q0', to: 'A', kind: 'door' },
      { from: 'A', to: 'B', kind: 'corridor' },
      { from: 'B', to: 'K', kind: 'corridor' },
      { from: 'B', to: 'L0', kind: 'door' },
      { from: 'M1', to: 'H1', kind: 'corridor' },
      { from: 'H1', to: 'R1', kind: 'door' },
      { from: 'H1', to: 'L1', kind: 'door' },
      { from: 'H2', to: 'R2', kind: 'door' },
      { from: 'H2', to: 'L2', kind: 'door' },
      { from: 'L0', to: 'L1', kind: 'elevator', elevator: 'X' },
      { from: 'L1', to: 'L2', kind: 'elevator' },
    ],
    elevators: [{ id: 'X', nodes: ['L0', 'L1', 'L2'], capacity: 1, secondsPerFloor: 5, doorSeconds: 10 }],
    rooms: [
      { id: '101', floor: 'F1', node: 'R1', beds: 2 },
      { id: '201', floor: 'F2', node: 'R2', beds: 1 },
    ],
    zones: [{ id: 'quiet', nodes: ['R1', 'R2'], quietHours: '22:00-06:00', maxSpeed: 0.5 }],
  };
}

/** An idle, online, fully charged robot at A doing pick/drop; override what a test is about. */
export function aRobot(overrides: Partial<DispatchRobot> & { id: string }): DispatchRobot {
  return {
    manufacturer: 'Test',
    serialNumber: overrides.id,
    name: overrides.id,
    actions: ['pick', 'drop', 'startCharging', 'stopCharging'],
    speed: 1,
    connection: 'ONLINE',
    lastNodeId: 'A',
    battery: 100,
    charging: false,
    driving: false,
    paused: false,
    working: false,
    errors: [],
    inService: true,
    ...overrides,
  };
}
