import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Care operations (issue 4): wards, residents, staff's wards, care plans and their materialised occurrences; tasks
// learn their resident, ward, plan and performer (robots or the ward's staff queue). Schema API, self-contained.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const optionalText = (name: string): TableColumnOptions => ({ name, type: 'varchar', isNullable: true });
const longText = (name: string): TableColumnOptions => ({ name, type: 'text' });
const optionalLongText = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });
const epochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const optionalEpochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: true });
const integer = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const textKey = (name: string): TableColumnOptions => ({ name, type: 'varchar', isPrimary: true });

const TASK_COLUMNS = (): TableColumn[] =>
  [
    optionalText('resident_id'),
    optionalText('ward_id'),
    optionalText('care_plan_id'),
    optionalText('performer'),
    optionalText('staff_id'),
    optionalText('escalation_reason'),
    optionalEpochMs('escalated_at'),
    optionalLongText('escalation_detail'),
  ].map((options) => new TableColumn(options));

const TASK_INDICES = (): TableIndex[] => [
  new TableIndex({ name: 'IDX_task_ward_id', columnNames: ['ward_id'] }),
  new TableIndex({ name: 'IDX_task_resident_id', columnNames: ['resident_id'] }),
];

const tables = (): Table[] => [
  new Table({ name: 'ward', columns: [textKey('id'), text('name'), longText('rooms'), optionalText('station_node')] }),
  new Table({
    name: 'resident',
    columns: [
      textKey('id'),
      text('display_name'),
      text('room_id'),
      integer('bed'),
      text('ward_id'),
      text('care_level'),
      longText('flags'),
      text('status'),
      epochMs('created_at'),
      epochMs('updated_at'),
    ],
    indices: [
      { name: 'IDX_resident_ward_id', columnNames: ['ward_id'] },
      { name: 'IDX_resident_room_id', columnNames: ['room_id'] },
    ],
  }),
  new Table({ name: 'staff_ward', columns: [textKey('staff_id'), textKey('ward_id')] }),
  new Table({
    name: 'care_plan',
    columns: [
      textKey('id'),
      text('title'),
      optionalText('resident_id'),
      optionalText('ward_id'),
      text('rrule'),
      text('starts_on'),
      optionalText('ends_on'),
      longText('activity'),
      integer('lead_min'),
      integer('window_min'),
      { name: 'active', type: 'boolean' },
      integer('version'),
      epochMs('created_at'),
      epochMs('updated_at'),
    ],
    indices: [
      { name: 'IDX_care_plan_resident_id', columnNames: ['resident_id'] },
      { name: 'IDX_care_plan_ward_id', columnNames: ['ward_id'] },
    ],
  }),
  // One row per (plan, local occurrence time): the primary key is what makes materialising idempotent across
  // restarts and api instances — the row and its task are inserted in one transaction, or neither is.
  new Table({
    name: 'care_plan_occurrence',
    columns: [textKey('plan_id'), textKey('occurrence_key'), epochMs('at'), text('task_id'), integer('plan_version')],
    indices: [{ name: 'IDX_care_plan_occurrence_at', columnNames: ['at'] }],
  }),
];

export class CareOperations1764500000000 implements MigrationInterface {
  name = 'CareOperations1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('task', TASK_COLUMNS());
    for (const index of TASK_INDICES()) await queryRunner.createIndex('task', index);
    for (const table of tables()) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, false, true, true);
    for (const index of TASK_INDICES()) await queryRunner.dropIndex('task', index.name!);
    await queryRunner.dropColumns('task', TASK_COLUMNS());
  }
}
