import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MissionStore, RobotStore, TaskRequestStore, TaskStore } from '@opiekun/application';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, type SqliteDatabaseOptions } from './data-source';
import { TypeormRobotStore } from './stores/typeorm-robot.store';
import { TypeormTaskStore } from './stores/typeorm-task.store';

/**
 * Opens the database, brings its schema up to date (migrations run before the module is ready) and provides the
 * stores under their port classes. The DataSource is closed on application shutdown.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: SqliteDatabaseOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          // A failing migration or an unreadable file does not heal by retrying: fail start-up at once.
          useFactory: () => ({ ...createDataSourceOptions(options), retryAttempts: 1 }),
        }),
      ],
      // Factories rather than useClass keep the stores free of Nest decorators (plain classes over a DataSource).
      providers: [
        { provide: TaskStore, useFactory: (db: DataSource) => new TypeormTaskStore(db), inject: [DataSource] },
        // The outbox lives beside the tasks: one store, so an assignment and its mission commit together.
        { provide: MissionStore, useExisting: TaskStore },
        { provide: TaskRequestStore, useExisting: TaskStore },
        { provide: RobotStore, useFactory: (db: DataSource) => new TypeormRobotStore(db), inject: [DataSource] },
      ],
      exports: [TaskStore, MissionStore, TaskRequestStore, RobotStore],
    };
  }
}
