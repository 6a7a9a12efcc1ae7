import type { StaffIdentity } from '@opiekun/application';
import type { AlertResponse } from '../http/dto/alert.response';
import type { FleetStatusResponse } from '../http/dto/fleet-status.response';
import type { RobotResponse } from '../http/dto/robot.response';
import type { TaskEventResponse, TaskResponse } from '../http/dto/task.response';

/**
 * The Socket.IO contract (path /socket.io, handshake `auth: { token }`). Only changes travel here; the first picture
 * and any re-sync after a dropped connection come from REST.
 */
export interface ServerToClientEvents {
  /** A robot's state; at most a few per second per robot, state changes at once. */
  robot: (robot: RobotResponse) => void;
  /** A task transition, after it was stored. */
  task: (change: { task: TaskResponse; event: TaskEventResponse }) => void;
  /** A new alert, or one just acknowledged. */
  alert: (alert: AlertResponse) => void;
  /** The fleet was stopped or resumed. */
  fleet: (status: FleetStatusResponse) => void;
  /** The sign-in the connection was opened with has run out; the server hangs up right after. */
  'session-expired': (notice: { message: string }) => void;
}

export type ClientToServerEvents = Record<string, never>;
export type InterServerEvents = Record<string, never>;

export interface SocketData {
  staff: StaffIdentity;
  /** Epoch ms when the connection's sign-in token runs out. */
  expiresAt: number;
}

/** What staff must see without waiting for the next throttled update. */
export function robotChangedMaterially(previous: RobotResponse, next: RobotResponse): boolean {
  return (
    previous.state !== next.state ||
    previous.connection !== next.connection ||
    previous.paused !== next.paused ||
    previous.inService !== next.inService ||
    previous.operatingMode !== next.operatingMode ||
    previous.safetyStop !== next.safetyStop ||
    previous.currentTaskId !== next.currentTaskId ||
    previous.floor !== next.floor ||
    previous.errors.length !== next.errors.length
  );
}
