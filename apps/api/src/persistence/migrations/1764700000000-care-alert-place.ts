import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Care alerts name the ward whose staff they are for and the room they are about (escalations, patrol findings).
// Schema API, self-contained.

const columns = (): TableColumn[] => [
  new TableColumn({ name: 'ward_id', type: 'varchar', isNullable: true }),
  new TableColumn({ name: 'room_id', type: 'varchar', isNullable: true }),
];

export class CareAlertPlace1764700000000 implements MigrationInterface {
  name = 'CareAlertPlace1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('alert', columns());
    await queryRunner.createIndex('alert', new TableIndex({ name: 'IDX_alert_ward_id', columnNames: ['ward_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('alert', 'IDX_alert_ward_id');
    await queryRunner.dropColumns('alert', columns());
  }
}
