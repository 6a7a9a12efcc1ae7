import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// The chain of custody of medication deliveries: one row per step (loaded, arrived, received, handover missed,
// returned), append-only, in the order it was recorded. Schema API, self-contained, like the other migrations.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const optionalText = (name: string): TableColumnOptions => ({ name, type: 'varchar', isNullable: true });

const custodyEntry = (): Table =>
  new Table({
    name: 'custody_entry',
    columns: [
      { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
      text('task_id'),
      text('step'),
      { name: 'at', type: 'bigint' },
      text('node_id'),
      optionalText('staff_id'),
      optionalText('robot_id'),
      text('via'),
      { name: 'detail', type: 'text', isNullable: true },
    ],
    indices: [{ name: 'IDX_custody_entry_task_id', columnNames: ['task_id'] }],
    foreignKeys: [
      { name: 'FK_custody_entry_task', columnNames: ['task_id'], referencedTableName: 'task', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ],
  });

export class MedicationCustody1764810000000 implements MigrationInterface {
  name = 'MedicationCustody1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(custodyEntry(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('custody_entry', false, true, true);
  }
}
