import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// Idempotency keys of task creations (see TaskRequestEntity). Schema API, self-contained, like the other migrations.

const taskRequestTable = (): Table =>
  new Table({
    name: 'task_request',
    columns: [
      { name: 'request_key', type: 'varchar', isPrimary: true },
      { name: 'task_id', type: 'varchar' },
      { name: 'created_at', type: 'bigint' },
    ],
    indices: [{ name: 'IDX_task_request_task_id', columnNames: ['task_id'] }],
    foreignKeys: [
      { name: 'FK_task_request_task', columnNames: ['task_id'], referencedTableName: 'task', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
    ],
  });

export class TaskRequestKeys1764900000000 implements MigrationInterface {
  name = 'TaskRequestKeys1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(taskRequestTable(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('task_request', false, true, true);
  }
}
