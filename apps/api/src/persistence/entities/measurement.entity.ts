import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

const epochMs = { type: 'bigint', transformer: bigintNumberTransformer } as const;

/** A robot's measurement, its report kept verbatim; preliminary until a nurse reviews it. One per task and action. */
@Entity({ name: 'measurement' })
@Index('IDX_measurement_task_action', ['taskId', 'actionId'], { unique: true })
@Index('IDX_measurement_resident_id', ['residentId'])
@Index('IDX_measurement_status', ['status'])
export class MeasurementEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'task_id', type: 'varchar' }) taskId!: string;
  @Column({ name: 'action_id', type: 'varchar' }) actionId!: string;
  @Column({ name: 'robot_id', type: 'varchar' }) robotId!: string;
  @Column({ name: 'resident_id', type: 'varchar', nullable: true }) residentId!: string | null;
  @Column({ name: 'ward_id', type: 'varchar', nullable: true }) wardId!: string | null;
  @Column({ name: 'action_type', type: 'varchar' }) actionType!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'at', ...epochMs }) at!: number;
  @Column({ type: 'varchar' }) status!: string;
  @Column({ name: 'reviewed_by', type: 'varchar', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'reviewed_at', ...epochMs, nullable: true }) reviewedAt!: number | null;
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote!: string | null;
}
