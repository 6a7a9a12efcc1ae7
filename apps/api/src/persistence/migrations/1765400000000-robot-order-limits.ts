import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// The limits a robot's factsheet declares for one order (protocolLimits, as OrderLimits JSON); null while none are
// known, as for every robot stored before this migration. Schema API, self-contained.

const column = (): TableColumn => new TableColumn({ name: 'order_limits', type: 'text', isNullable: true });

export class RobotOrderLimits1765400000000 implements MigrationInterface {
  name = 'RobotOrderLimits1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('robot', column());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('robot', 'order_limits');
  }
}
