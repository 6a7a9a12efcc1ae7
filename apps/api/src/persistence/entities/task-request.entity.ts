import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';
import { TaskEntity } from './task.entity';

/**
 * The client's Idempotency-Key of a task creation, stored with the task in one transaction: the same request sent
 * again (a retry after a timeout, a double click, a client restarted mid-request) finds its task instead of making a
 * second one.
 */
@Entity({ name: 'task_request' })
@Index('IDX_task_request_task_id', ['taskId'])
export class TaskRequestEntity {
  @PrimaryColumn({ name: 'request_key', type: 'varchar' })
  requestKey!: string;

  @Column({ name: 'task_id', type: 'varchar' })
  taskId!: string;

  /** SHA-256 of the request the key came with (method, path, canonical body); null for keys stored before it was kept. */
  @Column({ type: 'varchar', nullable: true })
  fingerprint!: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_request_task' })
  task?: TaskEntity;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumberTransformer })
  createdAt!: number;
}
