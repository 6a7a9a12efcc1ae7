import type { Robot } from '@opiekun/domain';
import { RobotStore } from '../ports/robot-store.port';

export class InMemoryRobotStore extends RobotStore {
  private readonly robots = new Map<string, Robot>();
  writes = 0;

  async save(robot: Robot): Promise<void> {
    this.writes += 1;
    this.robots.set(robot.id, robot);
  }

  async saveMany(robots: readonly Robot[]): Promise<void> {
    for (const robot of robots) await this.save(robot);
  }

  async get(id: string): Promise<Robot | undefined> {
    return this.robots.get(id);
  }

  async list(): Promise<readonly Robot[]> {
    return [...this.robots.values()];
  }
}
