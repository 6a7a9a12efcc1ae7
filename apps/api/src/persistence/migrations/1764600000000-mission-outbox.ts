import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// The outbox of the initial schema was a generic message queue nobody wrote to. What crash recovery needs is the
// current mission of each task a robot holds, written in the assignment's transaction: one row per task. The table
// was always empty, so it is rebuilt rather than altered. Schema API, self-contained, like the other migrations.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const longText = (name: string): TableColumnOptions => ({ name, type: 'text' });
const epochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const optionalEpochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: true });

const missionOutbox = (): Table =>
  new Table({
    name: 'outbox',
    columns: [
      { name: 'task_id', type: 'varchar', isPrimary: true },
      text('robot_id'),
      text('mission_id'),
      longText('payload'),
      epochMs('created_at'),
      optionalEpochMs('confirmed_at'),
    ],
    indices: [{ name: 'IDX_outbox_robot_id', columnNames: ['robot_id'] }],
    foreignKeys: [
      { name: 'FK_outbox_task', columnNames: ['task_id'], referencedTableName: 'task', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ],
  });

const messageOutbox = (): Table =>
  new Table({
    name: 'outbox',
    columns: [
      { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
      epochMs('created_at'),
      text('topic'),
      text('robot_id'),
      longText('payload'),
      optionalEpochMs('sent_at'),
      { name: 'attempts', type: 'integer', default: 0 },
    ],
    indices: [{ name: 'IDX_outbox_sent_at', columnNames: ['sent_at'] }],
  });

export class MissionOutbox1764600000000 implements MigrationInterface {
  name = 'MissionOutbox1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox', false, true, true);
    await queryRunner.createTable(missionOutbox(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox', false, true, true);
    await queryRunner.createTable(messageOutbox(), false, true, true);
  }
}
