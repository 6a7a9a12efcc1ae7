import { createDataSourceOptions, createSqliteDataSource } from './data-source';

/**
 * For the TypeORM CLI only; the api builds its DataSource through PersistenceModule. It points at a scratch file
 * (git-ignored), never at the api's database. To add a migration after changing an entity, from the repo root:
 *
 *   npm run build
 *   npx typeorm migration:run -d dist/apps/api/src/persistence/typeorm.config.js
 *   npx typeorm migration:generate -d dist/apps/api/src/persistence/typeorm.config.js \
 *     apps/api/src/persistence/migrations/<what-changed>
 *
 * (`migration:generate` does not run migrations itself, hence `migration:run` first.) The generated file holds
 * SQLite-specific SQL: rewrite it with the QueryRunner schema API as the initial migration does, so it also runs on
 * PostgreSQL, list the class in PERSISTENCE_MIGRATIONS (data-source.ts), and let the schema medium test confirm
 * that entities and migrations still agree.
 */
export default createSqliteDataSource(createDataSourceOptions({ dbPath: 'data/migration-scratch.sqlite' }));
