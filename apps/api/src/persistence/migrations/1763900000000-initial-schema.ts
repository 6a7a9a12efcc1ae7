import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Written with TypeORM's schema API rather than raw SQL so the same migration builds the schema on SQLite and on
// PostgreSQL. Self-contained on purpose: a landed migration must not change when entities do. Tables are built
// afresh on every run because the query runner may annotate the Table objects it is given.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const optionalText = (name: string): TableColumnOptions => ({ name, type: 'varchar', isNullable: true });
const longText = (name: string): TableColumnOptions => ({ name, type: 'text' });
const optionalLongText = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });
const epochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const optionalEpochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: true });
const real = (name: string): TableColumnOptions => ({ name, type: 'double precision' });
const optionalReal = (name: string): TableColumnOptions => ({ name, type: 'double precision', isNullable: true });
const flag = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const textKey = (name: string): TableColumnOptions => ({ name, type: 'varchar', isPrimary: true });
const serialKey = (name: string): TableColumnOptions => ({
  name,
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

const taskTable = (): Table =>
  new Table({
    name: 'task',
    columns: [
      textKey('id'),
      text('type'),
      text('priority'),
      longText('spec'),
      longText('requires'),
      optionalEpochMs('earliest_start'),
      optionalEpochMs('deadline'),
      optionalLongText('note'),
      optionalReal('service_s'),
      text('status'),
      optionalText('robot_id'),
      { name: 'attempt', type: 'integer' },
      epochMs('created_at'),
      epochMs('updated_at'),
      optionalEpochMs('started_at'),
      optionalEpochMs('finished_at'),
      optionalLongText('status_reason'),
    ],
    indices: [
      { name: 'IDX_task_status', columnNames: ['status'] },
      { name: 'IDX_task_robot_id', columnNames: ['robot_id'] },
      { name: 'IDX_task_created_at', columnNames: ['created_at'] },
      { name: 'IDX_task_priority', columnNames: ['priority'] },
    ],
  });

const taskEventTable = (): Table =>
  new Table({
    name: 'task_event',
    columns: [
      serialKey('id'),
      text('task_id'),
      epochMs('at'),
      optionalText('from_status'),
      text('to_status'),
      text('cause_kind'),
      optionalText('cause_id'),
      optionalLongText('cause_reason'),
      optionalText('robot_id'),
      optionalLongText('detail'),
    ],
    indices: [{ name: 'IDX_task_event_task_id', columnNames: ['task_id'] }],
    foreignKeys: [
      {
        name: 'FK_task_event_task',
        columnNames: ['task_id'],
        referencedTableName: 'task',
        referencedColumnNames: ['id'],
        onDelete: 'NO ACTION',
        onUpdate: 'NO ACTION',
      },
    ],
  });

const robotTable = (): Table =>
  new Table({
    name: 'robot',
    columns: [
      textKey('id'),
      text('manufacturer'),
      text('serial_number'),
      text('name'),
      optionalText('model'),
      longText('actions'),
      real('speed'),
      text('connection'),
      optionalReal('pose_x'),
      optionalReal('pose_y'),
      optionalReal('pose_theta'),
      optionalText('pose_floor'),
      optionalText('last_node_id'),
      optionalReal('battery'),
      flag('charging'),
      flag('driving'),
      flag('paused'),
      flag('working'),
      longText('errors'),
      flag('in_service'),
      optionalText('current_task_id'),
      optionalEpochMs('last_seen_at'),
    ],
  });

const outboxTable = (): Table =>
  new Table({
    name: 'outbox',
    columns: [
      serialKey('id'),
      epochMs('created_at'),
      text('topic'),
      text('robot_id'),
      longText('payload'),
      optionalEpochMs('sent_at'),
      { name: 'attempts', type: 'integer', default: 0 },
    ],
    indices: [{ name: 'IDX_outbox_sent_at', columnNames: ['sent_at'] }],
  });

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of [taskTable(), taskEventTable(), robotTable(), outboxTable()])
      await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['outbox', 'robot', 'task_event', 'task']) await queryRunner.dropTable(name, false, true, true);
  }
}
