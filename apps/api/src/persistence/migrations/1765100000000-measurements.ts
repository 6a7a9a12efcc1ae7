import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Robots' measurements, kept verbatim as preliminary until a nurse confirms or rejects them; one per task and
// action. Schema API, self-contained, like the other migrations.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const optionalText = (name: string): TableColumnOptions => ({ name, type: 'varchar', isNullable: true });

const measurementTable = (): Table =>
  new Table({
    name: 'measurement',
    columns: [
      { name: 'id', type: 'varchar', isPrimary: true },
      text('task_id'),
      text('action_id'),
      text('robot_id'),
      optionalText('resident_id'),
      optionalText('ward_id'),
      text('action_type'),
      { name: 'text', type: 'text' },
      { name: 'at', type: 'bigint' },
      text('status'),
      optionalText('reviewed_by'),
      { name: 'reviewed_at', type: 'bigint', isNullable: true },
      { name: 'review_note', type: 'text', isNullable: true },
    ],
    indices: [
      { name: 'IDX_measurement_task_action', columnNames: ['task_id', 'action_id'], isUnique: true },
      { name: 'IDX_measurement_resident_id', columnNames: ['resident_id'] },
      { name: 'IDX_measurement_status', columnNames: ['status'] },
    ],
  });

export class Measurements1765100000000 implements MigrationInterface {
  name = 'Measurements1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(measurementTable(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('measurement', false, true, true);
  }
}
