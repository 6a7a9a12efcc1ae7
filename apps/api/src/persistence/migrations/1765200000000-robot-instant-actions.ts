import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// The action types a robot's factsheet declares with scope INSTANT (JSON string[]); null for a robot whose factsheet
// never listed actions, as every robot stored before this migration. Schema API, self-contained.

const column = (): TableColumn => new TableColumn({ name: 'instant_actions', type: 'text', isNullable: true });

export class RobotInstantActions1765200000000 implements MigrationInterface {
  name = 'RobotInstantActions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('robot', column());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('robot', 'instant_actions');
  }
}
