import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';
import { TaskEntity } from './task.entity';

/**
 * A client's Idempotency-Key and what it made, so the same request sent again (a retry after a timeout, a double
 * click, a client restarted mid-request) finds it instead of making a second one. `kind` says what: a task (stored
 * with it, in one transaction; every key stored before kinds were is one) or a care plan (reserved before the plan
 * is stored, so with no foreign key: see TaskRequestStore.reserve).
 */
@Entity({ name: 'task_request' })
@Index('IDX_task_request_task_id', ['taskId'])
export class TaskRequestEntity {
  @PrimaryColumn({ name: 'request_key', type: 'varchar' })
  requestKey!: string;

  /** 'task' or 'care-plan' (RequestedKind). */
  @Column({ type: 'varchar', default: 'task' })
  kind!: string;

  /** The task a 'task' key made; null for other kinds. */
  @Column({ name: 'task_id', type: 'varchar', nullable: true })
  taskId!: string | null;

  /** The care plan a 'care-plan' key made, or is reserved for; null for other kinds. */
  @Column({ name: 'care_plan_id', type: 'varchar', nullable: true })
  carePlanId!: string | null;

  /** SHA-256 of the request the key came with (method, path, canonical body); null for keys stored before it was kept. */
  @Column({ type: 'varchar', nullable: true })
  fingerprint!: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_request_task' })
  task?: TaskEntity;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumberTransformer })
  createdAt!: number;
}
