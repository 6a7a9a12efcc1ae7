import type { Robot } from '@opiekun/domain';

export abstract class RobotStore {
  abstract save(robot: Robot): Promise<void>;
  /** Several robots at once (insert or replace each), as one write: the fleet's periodic pose and battery writes. */
  abstract saveMany(robots: readonly Robot[]): Promise<void>;
  abstract get(id: string): Promise<Robot | undefined>;
  abstract list(): Promise<readonly Robot[]>;
}
