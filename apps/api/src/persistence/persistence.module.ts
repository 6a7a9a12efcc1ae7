import { Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MissionStore, RobotStore, TaskRequestStore, TaskStore } from '@opiekun/application';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, createSqliteDataSource, type SqliteDatabaseOptions } from './data-source';
import { TypeormRobotStore } from './stores/typeorm-robot.store';
import { TypeormTaskStore } from './stores/typeorm-task.store';
import { WalCheckpointer } from './wal-checkpointer';

const WAL_CHECKPOINT_OPTIONS = Symbol('WAL_CHECKPOINT_OPTIONS');

/** Runs the WAL checkpoints in a worker thread for the api's life (see WalCheckpointer); an in-memory database has none. */
class WalCheckpointLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WalCheckpointer');
  private checkpointer?: WalCheckpointer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: SqliteDatabaseOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.dataSource.options.type !== 'better-sqlite3' || this.options.dbPath === ':memory:') return;
    const connection = (this.dataSource.driver as unknown as { databaseConnection: ConstructorParameters<typeof WalCheckpointer>[0] }).databaseConnection;
    const checkpointer = new WalCheckpointer(connection, { dbPath: this.options.dbPath, busyTimeoutMs: this.options.busyTimeoutMs, onError: (message) => this.logger.error(message) });
    // Without the worker the api's connection keeps checkpointing as SQLite does by default: slower, never unsafe.
    await checkpointer.start().then(
      () => (this.checkpointer = checkpointer),
      (error: Error) => this.logger.warn(`WAL checkpoints stay on the api's connection: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }
}

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
          dataSourceFactory: async (dataSourceOptions) => createSqliteDataSource(dataSourceOptions!),
        }),
      ],
      // Factories rather than useClass keep the stores free of Nest decorators (plain classes over a DataSource).
      providers: [
        { provide: TaskStore, useFactory: (db: DataSource) => new TypeormTaskStore(db), inject: [DataSource] },
        // The outbox lives beside the tasks: one store, so an assignment and its mission commit together.
        { provide: MissionStore, useExisting: TaskStore },
        { provide: TaskRequestStore, useExisting: TaskStore },
        { provide: RobotStore, useFactory: (db: DataSource) => new TypeormRobotStore(db), inject: [DataSource] },
        { provide: WAL_CHECKPOINT_OPTIONS, useValue: options },
        { provide: WalCheckpointLifecycle, useFactory: (db: DataSource, o: SqliteDatabaseOptions) => new WalCheckpointLifecycle(db, o), inject: [DataSource, WAL_CHECKPOINT_OPTIONS] },
      ],
      exports: [TaskStore, MissionStore, TaskRequestStore, RobotStore],
    };
  }
}
