import type { Robot, Task, TaskEvent } from '@opiekun/domain';

export const T0 = 1_763_900_000_000;

/** A task with every optional field absent. */
export function aTask(overrides: Partial<Task> & Pick<Task, 'id'>): Task {
  return {
    type: 'deliver-linen',
    priority: 'routine',
    spec: { kind: 'visit', atNode: 'room-101', action: 'announce' },
    requires: ['announce'],
    status: 'requested',
    attempt: 0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A task with every optional field present. */
export function aFullTask(id: string): Task {
  return {
    id,
    type: 'deliver-medication-box',
    priority: 'stat',
    spec: { kind: 'transport', from: 'pharmacy', to: 'room-204', pickAction: 'pick', dropAction: 'drop' },
    requires: ['pick', 'drop', 'unlock-drawer'],
    earliestStart: T0 + 60_000,
    deadline: T0 + 3_600_000,
    note: 'Zostaw u pielęgniarki dyżurnej',
    serviceS: 42.5,
    status: 'in-progress',
    robotId: 'acme:r2',
    attempt: 2,
    createdAt: T0,
    updatedAt: T0 + 120_000,
    startedAt: T0 + 90_000,
    finishedAt: T0 + 110_000,
    statusReason: 'waiting at the lift',
  };
}

export function created(task: Task): TaskEvent {
  return { taskId: task.id, at: task.createdAt, from: null, to: task.status, cause: { kind: 'staff', id: 'nurse-7' } };
}

export function anEvent(task: Task, overrides: Partial<TaskEvent> = {}): TaskEvent {
  return {
    taskId: task.id,
    at: task.updatedAt,
    from: 'requested',
    to: task.status,
    cause: { kind: 'system', id: 'dispatcher', reason: 'best cost' },
    ...overrides,
  };
}

/** A robot with every optional field absent. */
export function aRobot(overrides: Partial<Robot> & Pick<Robot, 'serialNumber'>): Robot {
  return {
    id: `acme:${overrides.serialNumber}`,
    manufacturer: 'acme',
    name: `Robot ${overrides.serialNumber}`,
    actions: [],
    speed: 0.8,
    connection: 'UNKNOWN',
    charging: false,
    driving: false,
    paused: false,
    working: false,
    errors: [],
    inService: true,
    ...overrides,
  };
}
