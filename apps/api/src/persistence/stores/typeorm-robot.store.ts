import type { RobotStore } from '@opiekun/application';
import type { Robot } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { RobotEntity } from '../entities/robot.entity';
import { robotFromEntity, robotToEntity } from '../mappers/robot.mapper';
import { serially } from './one-connection-queue';

/** Robots per statement: well under SQLite's bound-parameter limit (32766) whatever the number of columns. */
const BATCH = 100;

export class TypeormRobotStore implements RobotStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Insert or replace, in one statement (`INSERT … ON CONFLICT (id) DO UPDATE`). */
  save(robot: Robot): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.upsert(RobotEntity, robotToEntity(robot), { conflictPaths: ['id'] });
    });
  }

  /**
   * Insert or replace many robots in one transaction, a statement per `BATCH` robots: the fleet's periodic writes of
   * pose and battery (a robot every 5 s, 40 a second at 200 robots) cost one WAL commit and a few statements a second
   * instead of one of each per robot.
   */
  saveMany(robots: readonly Robot[]): Promise<void> {
    if (robots.length === 0) return Promise.resolve();
    return serially(this.dataSource, () =>
      this.dataSource.transaction(async (manager) => {
        for (let i = 0; i < robots.length; i += BATCH) {
          await manager.upsert(RobotEntity, robots.slice(i, i + BATCH).map(robotToEntity), { conflictPaths: ['id'] });
        }
      }),
    );
  }

  get(id: string): Promise<Robot | undefined> {
    return serially(this.dataSource, async () => {
      const entity = await this.dataSource.manager.findOneBy(RobotEntity, { id });
      return entity === null ? undefined : robotFromEntity(entity);
    });
  }

  /** Ordered by id. */
  list(): Promise<readonly Robot[]> {
    return serially(this.dataSource, async () => {
      const entities = await this.dataSource.manager.find(RobotEntity, { order: { id: 'ASC' } });
      return entities.map(robotFromEntity);
    });
  }
}
