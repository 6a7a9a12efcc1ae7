import type { RobotStore } from '@opiekun/application';
import type { Robot } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { RobotEntity } from '../entities/robot.entity';
import { robotFromEntity, robotToEntity } from '../mappers/robot.mapper';
import { serially } from './one-connection-queue';

/**
 * Robots per transaction of `saveMany`. better-sqlite3 is synchronous and TypeORM's promises over it resolve as
 * microtasks, so a whole transaction holds the event loop: 200 robots (the fleet's periodic writes come due together
 * after a start) held it 10–45 ms, TypeORM building the statement most of it; 25 take about 1 ms.
 */
const CHUNK = 25;

/** Lets the event loop take its I/O (robot states, HTTP) between two chunks. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class TypeormRobotStore implements RobotStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Insert or replace, in one statement (`INSERT … ON CONFLICT (id) DO UPDATE`). */
  save(robot: Robot): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.upsert(RobotEntity, robotToEntity(robot), { conflictPaths: ['id'] });
    });
  }

  /**
   * Insert or replace many robots, `CHUNK` a transaction (one statement each), yielding to the event loop between
   * chunks: the fleet's periodic writes of pose and battery (a robot every 5 s, 40 a second at 200 robots) cost a few
   * commits a second instead of one per robot, and never hold the loop for more than one chunk. The chunks are not
   * one transaction — each robot's row is independent, a robot written now or in the next chunk is the same. The
   * call keeps its place in the connection's queue until the last chunk, so a robot's significant change saved
   * (`save`) after this call was made lands after these rows, never under an older copy of them.
   */
  saveMany(robots: readonly Robot[]): Promise<void> {
    if (robots.length === 0) return Promise.resolve();
    return serially(this.dataSource, async () => {
      for (let i = 0; i < robots.length; i += CHUNK) {
        if (i > 0) await nextTurn();
        const chunk = robots.slice(i, i + CHUNK).map(robotToEntity);
        await this.dataSource.transaction((manager) => manager.upsert(RobotEntity, chunk, { conflictPaths: ['id'] }));
      }
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
