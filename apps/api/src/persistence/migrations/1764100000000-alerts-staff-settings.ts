import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Schema API rather than raw SQL, like the initial migration, so it runs on SQLite and PostgreSQL alike.
// Self-contained: it must not change when entities do.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const optionalText = (name: string): TableColumnOptions => ({ name, type: 'varchar', isNullable: true });
const longText = (name: string): TableColumnOptions => ({ name, type: 'text' });
const epochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const optionalEpochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: true });
const textKey = (name: string): TableColumnOptions => ({ name, type: 'varchar', isPrimary: true });

const alertTable = (): Table =>
  new Table({
    name: 'alert',
    columns: [
      textKey('id'),
      epochMs('at'),
      text('kind'),
      text('severity'),
      optionalText('robot_id'),
      optionalText('task_id'),
      longText('message'),
      optionalEpochMs('acknowledged_at'),
      optionalText('acknowledged_by'),
      optionalText('acknowledged_by_name'),
    ],
    indices: [
      { name: 'IDX_alert_at', columnNames: ['at'] },
      { name: 'IDX_alert_acknowledged_at', columnNames: ['acknowledged_at'] },
    ],
  });

const staffUserTable = (): Table =>
  new Table({
    name: 'staff_user',
    columns: [textKey('id'), text('username'), text('display_name'), text('role'), text('password_hash'), epochMs('created_at')],
    indices: [{ name: 'IDX_staff_user_username', columnNames: ['username'], isUnique: true }],
  });

const appSettingTable = (): Table => new Table({ name: 'app_setting', columns: [textKey('key'), longText('value')] });

export class AlertsStaffSettings1764100000000 implements MigrationInterface {
  name = 'AlertsStaffSettings1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of [alertTable(), staffUserTable(), appSettingTable()]) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['app_setting', 'staff_user', 'alert']) await queryRunner.dropTable(name, false, true, true);
  }
}
