export { PersistenceModule } from './persistence.module';
export {
  createDataSourceOptions,
  createSqliteDataSource,
  PERSISTENCE_ENTITIES,
  PERSISTENCE_MIGRATIONS,
  type SqliteDatabaseOptions,
} from './data-source';
export { serially } from './stores/one-connection-queue';
export { TypeormTaskStore } from './stores/typeorm-task.store';
export { TypeormRobotStore } from './stores/typeorm-robot.store';
