import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

const epochMs = { type: 'bigint', transformer: bigintNumberTransformer } as const;
const optionalEpochMs = { ...epochMs, nullable: true } as const;

/** A ward's shift handover report: one per ward and shift change; signed by the outgoing, then the incoming nurse. */
@Entity({ name: 'handover_report' })
@Index('IDX_handover_report_ward_shift', ['wardId', 'shiftEnd'], { unique: true })
@Index('IDX_handover_report_shift_end', ['shiftEnd'])
export class HandoverReportEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'ward_id', type: 'varchar' }) wardId!: string;
  @Column({ name: 'shift_start', ...epochMs }) shiftStart!: number;
  @Column({ name: 'shift_end', ...epochMs }) shiftEnd!: number;
  @Column({ name: 'generated_at', ...epochMs }) generatedAt!: number;
  /** HandoverContent as JSON: a snapshot, not references that could change later. */
  @Column({ type: 'text' }) content!: string;
  @Column({ name: 'outgoing_staff_id', type: 'varchar', nullable: true }) outgoingStaffId!: string | null;
  @Column({ name: 'outgoing_name', type: 'varchar', nullable: true }) outgoingName!: string | null;
  @Column({ name: 'outgoing_at', ...optionalEpochMs }) outgoingAt!: number | null;
  @Column({ name: 'incoming_staff_id', type: 'varchar', nullable: true }) incomingStaffId!: string | null;
  @Column({ name: 'incoming_name', type: 'varchar', nullable: true }) incomingName!: string | null;
  @Column({ name: 'incoming_at', ...optionalEpochMs }) incomingAt!: number | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
}

/** An incident staff reported (a fall…); `request_key` is the client's Idempotency-Key, unique when given. */
@Entity({ name: 'incident' })
@Index('IDX_incident_ward_occurred', ['wardId', 'occurredAt'])
@Index('IDX_incident_resident_id', ['residentId'])
@Index('IDX_incident_request_key', ['requestKey'], { unique: true })
export class IncidentEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'resident_id', type: 'varchar' }) residentId!: string;
  @Column({ name: 'ward_id', type: 'varchar' }) wardId!: string;
  @Column({ type: 'varchar' }) kind!: string;
  @Column({ name: 'occurred_at', ...epochMs }) occurredAt!: number;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'reported_by', type: 'varchar' }) reportedBy!: string;
  @Column({ name: 'created_at', ...epochMs }) createdAt!: number;
  @Column({ name: 'request_key', type: 'varchar', nullable: true }) requestKey!: string | null;
  /** The fingerprint of the request the key came with; null without a key, or for a key stored before it was kept. */
  @Column({ name: 'request_fingerprint', type: 'varchar', nullable: true }) requestFingerprint!: string | null;
}
