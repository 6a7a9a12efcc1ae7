import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Shift handover reports (one per ward and shift change, two signatures) and incident reports with the client's
// idempotency key. Schema API, self-contained, like the other migrations.

const text = (name: string): TableColumnOptions => ({ name, type: 'varchar' });
const optionalText = (name: string): TableColumnOptions => ({ name, type: 'varchar', isNullable: true });
const longText = (name: string): TableColumnOptions => ({ name, type: 'text' });
const optionalLongText = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });
const epochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const optionalEpochMs = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: true });
const textKey = (name: string): TableColumnOptions => ({ name, type: 'varchar', isPrimary: true });

const tables = (): Table[] => [
  new Table({
    name: 'handover_report',
    columns: [
      textKey('id'),
      text('ward_id'),
      epochMs('shift_start'),
      epochMs('shift_end'),
      epochMs('generated_at'),
      longText('content'),
      optionalText('outgoing_staff_id'),
      optionalText('outgoing_name'),
      optionalEpochMs('outgoing_at'),
      optionalText('incoming_staff_id'),
      optionalText('incoming_name'),
      optionalEpochMs('incoming_at'),
      optionalLongText('note'),
    ],
    indices: [
      { name: 'IDX_handover_report_ward_shift', columnNames: ['ward_id', 'shift_end'], isUnique: true },
      { name: 'IDX_handover_report_shift_end', columnNames: ['shift_end'] },
    ],
  }),
  new Table({
    name: 'incident',
    columns: [
      textKey('id'),
      text('resident_id'),
      text('ward_id'),
      text('kind'),
      epochMs('occurred_at'),
      longText('description'),
      text('reported_by'),
      epochMs('created_at'),
      optionalText('request_key'),
    ],
    indices: [
      { name: 'IDX_incident_ward_occurred', columnNames: ['ward_id', 'occurred_at'] },
      { name: 'IDX_incident_resident_id', columnNames: ['resident_id'] },
      { name: 'IDX_incident_request_key', columnNames: ['request_key'], isUnique: true },
    ],
  }),
];

export class HandoverIncidents1765000000000 implements MigrationInterface {
  name = 'HandoverIncidents1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables()) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, false, true, true);
  }
}
