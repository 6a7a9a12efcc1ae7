import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

const epochMs = { type: 'bigint', transformer: bigintNumberTransformer } as const;

@Entity({ name: 'task' })
@Index('IDX_task_status', ['status'])
@Index('IDX_task_robot_id', ['robotId'])
@Index('IDX_task_created_at', ['createdAt'])
@Index('IDX_task_priority', ['priority'])
@Index('IDX_task_ward_id', ['wardId'])
@Index('IDX_task_resident_id', ['residentId'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  type!: string;

  @Column({ type: 'varchar' })
  priority!: string;

  /** TaskSpec as JSON. */
  @Column({ type: 'text' })
  spec!: string;

  /** string[] as JSON. */
  @Column({ type: 'text' })
  requires!: string;

  @Column({ name: 'earliest_start', ...epochMs, nullable: true })
  earliestStart!: number | null;

  @Column({ ...epochMs, nullable: true })
  deadline!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'service_s', type: 'double precision', nullable: true })
  serviceS!: number | null;

  @Column({ type: 'varchar' })
  status!: string;

  @Column({ name: 'robot_id', type: 'varchar', nullable: true })
  robotId!: string | null;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ name: 'created_at', ...epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', ...epochMs })
  updatedAt!: number;

  @Column({ name: 'started_at', ...epochMs, nullable: true })
  startedAt!: number | null;

  @Column({ name: 'finished_at', ...epochMs, nullable: true })
  finishedAt!: number | null;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  // Care context and the staff queue (migration CareOperations1764500000000).
  @Column({ name: 'resident_id', type: 'varchar', nullable: true })
  residentId!: string | null;

  @Column({ name: 'ward_id', type: 'varchar', nullable: true })
  wardId!: string | null;

  @Column({ name: 'care_plan_id', type: 'varchar', nullable: true })
  carePlanId!: string | null;

  /** null: the fleet; 'staff': the ward's staff queue. */
  @Column({ type: 'varchar', nullable: true })
  performer!: string | null;

  @Column({ name: 'staff_id', type: 'varchar', nullable: true })
  staffId!: string | null;

  @Column({ name: 'escalation_reason', type: 'varchar', nullable: true })
  escalationReason!: string | null;

  @Column({ name: 'escalated_at', ...epochMs, nullable: true })
  escalatedAt!: number | null;

  @Column({ name: 'escalation_detail', type: 'text', nullable: true })
  escalationDetail!: string | null;
}
