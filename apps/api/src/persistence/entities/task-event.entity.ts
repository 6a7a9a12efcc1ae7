import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';
import { TaskEntity } from './task.entity';

/** One row per task transition: the audit trail, append-only. */
@Entity({ name: 'task_event' })
@Index('IDX_task_event_task_id', ['taskId'])
export class TaskEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'task_id', type: 'varchar' })
  taskId!: string;

  // Only here so the foreign key exists; never loaded.
  @ManyToOne(() => TaskEntity, { nullable: false, onDelete: 'NO ACTION', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_event_task' })
  task?: TaskEntity;

  @Column({ type: 'bigint', transformer: bigintNumberTransformer })
  at!: number;

  @Column({ name: 'from_status', type: 'varchar', nullable: true })
  from!: string | null;

  @Column({ name: 'to_status', type: 'varchar' })
  to!: string;

  @Column({ name: 'cause_kind', type: 'varchar' })
  causeKind!: string;

  @Column({ name: 'cause_id', type: 'varchar', nullable: true })
  causeId!: string | null;

  @Column({ name: 'cause_reason', type: 'text', nullable: true })
  causeReason!: string | null;

  @Column({ name: 'robot_id', type: 'varchar', nullable: true })
  robotId!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
