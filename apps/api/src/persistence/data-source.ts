import type Database from 'better-sqlite3';
import { DataSource, type DataSourceOptions, type ObjectLiteral } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { OutboxEntity } from './entities/outbox.entity';
import { RobotEntity } from './entities/robot.entity';
import { TaskEventEntity } from './entities/task-event.entity';
import { TaskEntity } from './entities/task.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { AlertEntity } from './entities/alert.entity';
import { AppSettingEntity } from './entities/app-setting.entity';
import { StaffUserEntity } from './entities/staff-user.entity';
import { AlertsStaffSettings1764100000000 } from './migrations/1764100000000-alerts-staff-settings';
import { CarePlanEntity, CarePlanOccurrenceEntity, ResidentEntity, StaffWardEntity, WardEntity } from './entities/care.entities';
import { CareOperations1764500000000 } from './migrations/1764500000000-care-operations';
import { CareAlertPlace1764700000000 } from './migrations/1764700000000-care-alert-place';
import { MissionOutbox1764600000000 } from './migrations/1764600000000-mission-outbox';
import { CustodyEntryEntity } from './entities/custody-entry.entity';
import { MedicationCustody1764810000000 } from './migrations/1764810000000-medication-custody';
import { TaskRequestEntity } from './entities/task-request.entity';
import { TaskRequestKeys1764900000000 } from './migrations/1764900000000-task-request-keys';
import { HandoverReportEntity, IncidentEntity } from './entities/handover.entities';
import { HandoverIncidents1765000000000 } from './migrations/1765000000000-handover-incidents';
import { MeasurementEntity } from './entities/measurement.entity';
import { Measurements1765100000000 } from './migrations/1765100000000-measurements';
import { RobotInstantActions1765200000000 } from './migrations/1765200000000-robot-instant-actions';
import { RequestFingerprints1765350000000 } from './migrations/1765350000000-request-fingerprints';
import { RobotOrderLimits1765400000000 } from './migrations/1765400000000-robot-order-limits';
import { RequestKinds1765500000000 } from './migrations/1765500000000-request-kinds';

const CARE_ENTITIES = [WardEntity, ResidentEntity, StaffWardEntity, CarePlanEntity, CarePlanOccurrenceEntity];

/** Listed as classes, not globs, so the same list works from `ts` sources under jest and from the swc-built `dist`. */
export const PERSISTENCE_ENTITIES = [TaskEntity, TaskEventEntity, RobotEntity, OutboxEntity, AlertEntity, StaffUserEntity, AppSettingEntity, ...CARE_ENTITIES, CustodyEntryEntity, TaskRequestEntity, HandoverReportEntity, IncidentEntity, MeasurementEntity];

/** In order; append new migrations, never edit landed ones. */
export const PERSISTENCE_MIGRATIONS = [InitialSchema1763900000000, AlertsStaffSettings1764100000000, CareOperations1764500000000, MissionOutbox1764600000000, CareAlertPlace1764700000000, MedicationCustody1764810000000, TaskRequestKeys1764900000000, HandoverIncidents1765000000000, Measurements1765100000000, RobotInstantActions1765200000000, RequestFingerprints1765350000000, RobotOrderLimits1765400000000, RequestKinds1765500000000];

export interface SqliteDatabaseOptions {
  /** Path of the SQLite file; its directory is created when missing. */
  readonly dbPath: string;
  /**
   * How long a write waits for a lock held by another program (a backup, an admin's sqlite3 shell) before it is
   * refused with STORAGE_UNAVAILABLE; default 5000 ms.
   */
  readonly busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Prepared statements the driver keeps (first in, first out; TypeORM's default is 100). TypeORM writes a different
 * statement for every pattern of the columns it leaves to their DEFAULT and every number of rows in one insert, so
 * with 100 nearly every statement (BEGIN and COMMIT included) was prepared again each time — 0.1–0.3 ms a statement
 * on the event loop. (Numbers written into the SQL made most statements new each time; see bindNumbersAsParameters.)
 */
const STATEMENT_CACHE_SIZE = 2_000;

/**
 * SQLite through better-sqlite3. The schema comes only from migrations, which run on every start-up, all pending
 * ones in one transaction (an upgrade applies whole or not at all); the driver creates the file's directory when
 * missing.
 */
export function createDataSourceOptions({ dbPath, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS }: SqliteDatabaseOptions): DataSourceOptions {
  return {
    type: 'better-sqlite3',
    database: dbPath,
    prepareDatabase: (db: Database.Database) => prepareDatabase(db, busyTimeoutMs),
    statementCacheSize: STATEMENT_CACHE_SIZE,
    entities: PERSISTENCE_ENTITIES,
    migrations: PERSISTENCE_MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
  };
}

function prepareDatabase(db: Database.Database, busyTimeoutMs: number): void {
  // WAL: readers (another process, a backup) never block the writer. NORMAL is durable across application crashes
  // in WAL mode; only a power cut can lose the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/** A DataSource over the SQLite file that binds numbers as parameters (`bindNumbersAsParameters`); not yet initialised. */
export function createSqliteDataSource(options: DataSourceOptions): DataSource {
  return bindNumbersAsParameters(new DataSource(options));
}

/**
 * TypeORM's SQLite drivers write every number parameter into the statement's text
 * (`AbstractSqliteDriver.escapeQueryWithParameters`: a number becomes `String(value)`), so every statement carrying a
 * timestamp, a position or a charge is new SQL: better-sqlite3 prepares it again (0.1–0.3 ms on the event loop), and
 * it fills the statement cache with SQL never used twice. bench:e2e counted ~3,900 prepares in 40 s, nearly all
 * robot upserts and task inserts and updates (their `updated_at`, pose and battery). This hands the driver each number
 * boxed, which it binds as it binds any other value, and unboxes what it returns: an integer as an int64 (what SQLite
 * reads from an integer literal), any other number as a double, so what is stored and compared is as before (a
 * double 5 would be '5.0' in a TEXT column and 5 / 2 would be 2.5); NaN and Infinity are refused, as before.
 */
export function bindNumbersAsParameters(dataSource: DataSource): DataSource {
  const driver = dataSource.driver;
  if (!DriverUtils.isSQLiteFamily(driver)) return dataSource;
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral): [string, unknown[]] => {
    if (!parameters) return escape(sql, parameters);
    const boxed: ObjectLiteral = {};
    for (const key of Object.keys(parameters)) {
      const value: unknown = parameters[key];
      boxed[key] = typeof value === 'number' ? Object(value) : value;
    }
    const [text, bound] = escape(sql, boxed);
    return [text, bound.map(unbox)];
  };
  return dataSource;
}

function unbox(value: unknown): unknown {
  if (!(value instanceof Number)) return value;
  const n = value.valueOf();
  // written into the SQL, NaN or Infinity failed the statement ("no such column"); bound, SQLite would store NULL or Inf
  if (!Number.isFinite(n)) throw new TypeError(`${n} is not a number SQLite can store`);
  return Number.isSafeInteger(n) ? BigInt(n) : n;
}
