import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// What an Idempotency-Key made (TaskRequestEntity): keys of care plans beside those of tasks. Every key stored before
// is a task's (kind 'task', its task_id kept); a care plan's key has no task (task_id null) and names its plan, which
// it is reserved for before the plan is stored (no foreign key). Undone, the care plans' keys are forgotten: the
// table then holds tasks' keys only. Schema API, self-contained.

const taskId = (isNullable: boolean): TableColumn => new TableColumn({ name: 'task_id', type: 'varchar', isNullable });

export class RequestKinds1765500000000 implements MigrationInterface {
  name = 'RequestKinds1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('task_request', [
      new TableColumn({ name: 'kind', type: 'varchar', default: "'task'" }),
      new TableColumn({ name: 'care_plan_id', type: 'varchar', isNullable: true }),
    ]);
    await queryRunner.changeColumn('task_request', 'task_id', taskId(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "task_request" WHERE "kind" <> 'task'`);
    await queryRunner.changeColumn('task_request', 'task_id', taskId(false));
    await queryRunner.dropColumns('task_request', ['care_plan_id', 'kind']);
  }
}
