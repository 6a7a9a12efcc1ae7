import type { RobotStore } from '@opiekun/application';
import type { Robot } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { RobotEntity } from '../entities/robot.entity';
import { robotFromEntity, robotToEntity } from '../mappers/robot.mapper';
import { serially } from './one-connection-queue';

export class TypeormRobotStore implements RobotStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Insert or replace, in one statement (`INSERT … ON CONFLICT (id) DO UPDATE`). */
  save(robot: Robot): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.upsert(RobotEntity, robotToEntity(robot), { conflictPaths: ['id'] });
    });
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
