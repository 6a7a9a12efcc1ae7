import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// The fingerprint of the request an Idempotency-Key came with (TaskRequestEntity, IncidentEntity): the same key with
// another request is refused instead of answered with the first one's result. Null for every key stored before this
// migration, which keeps replaying. Schema API, self-contained.

const fingerprint = (name: string): TableColumn => new TableColumn({ name, type: 'varchar', isNullable: true });

export class RequestFingerprints1765350000000 implements MigrationInterface {
  name = 'RequestFingerprints1765350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('task_request', fingerprint('fingerprint'));
    await queryRunner.addColumn('incident', fingerprint('request_fingerprint'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('incident', 'request_fingerprint');
    await queryRunner.dropColumn('task_request', 'fingerprint');
  }
}
