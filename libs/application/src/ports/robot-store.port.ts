import type { Robot } from '@opiekun/domain';

export abstract class RobotStore {
  abstract save(robot: Robot): Promise<void>;
  abstract get(id: string): Promise<Robot | undefined>;
  abstract list(): Promise<readonly Robot[]>;
}
