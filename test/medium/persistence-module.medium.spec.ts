import { NestFactory } from '@nestjs/core';
import { RobotStore, TaskStore } from '@opiekun/application';
import { DataSource } from 'typeorm';
import { PersistenceModule } from '../../apps/api/src/persistence/persistence.module';
import { TypeormRobotStore } from '../../apps/api/src/persistence/stores/typeorm-robot.store';
import { TypeormTaskStore } from '../../apps/api/src/persistence/stores/typeorm-task.store';
import { aRobot, aTask, created } from './persistence-fixtures';
import { SqliteTestDatabase, userTables } from './sqlite-test-database';

async function startContext(dbPath: string) {
  return NestFactory.createApplicationContext(PersistenceModule.forRoot({ dbPath }), { logger: false });
}

describe('PersistenceModule', () => {
  let db: SqliteTestDatabase;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
  });

  afterEach(async () => {
    await db.cleanup();
  });

  it('provides the stores under their port classes over a migrated database, and closes it on shutdown', async () => {
    const app = await startContext(db.dbPath);
    try {
      const tasks = app.get(TaskStore);
      const robots = app.get(RobotStore);
      const dataSource = app.get(DataSource);

      expect(tasks).toBeInstanceOf(TypeormTaskStore);
      expect(robots).toBeInstanceOf(TypeormRobotStore);
      expect(await userTables(dataSource)).toEqual(['alert', 'app_setting', 'care_plan', 'care_plan_occurrence', 'custody_entry', 'handover_report', 'incident', 'measurement', 'outbox', 'resident', 'robot', 'staff_user', 'staff_ward', 'task', 'task_event', 'task_request', 'ward']);
      const task = aTask({ id: 't1' });
      await tasks.insert(task, created(task));
      await robots.save(aRobot({ serialNumber: 'r1' }));
    } finally {
      await app.close();
    }
    expect(app.get(DataSource).isInitialized).toBe(false);

    const restarted = await startContext(db.dbPath);
    try {
      expect((await restarted.get(TaskStore).get('t1'))?.id).toBe('t1');
      expect((await restarted.get(RobotStore).list()).map((r) => r.id)).toEqual(['acme:r1']);
    } finally {
      await restarted.close();
    }
  });
});
