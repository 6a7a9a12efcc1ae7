import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';
import { TaskEntity } from './task.entity';

/**
 * Transactional outbox: the current mission of every task a robot holds, written in the same transaction as the
 * assignment and removed in the one that takes the task off its robot. After a crash it tells exactly what was
 * decided; what is actually sent is then reconciled with what each robot reports (see OrderReconciler).
 */
@Entity({ name: 'outbox' })
@Index('IDX_outbox_robot_id', ['robotId'])
export class OutboxEntity {
  @PrimaryColumn({ name: 'task_id', type: 'varchar' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_outbox_task' })
  task?: TaskEntity;

  @Column({ name: 'robot_id', type: 'varchar' })
  robotId!: string;

  /** VDA 5050 orderId. */
  @Column({ name: 'mission_id', type: 'varchar' })
  missionId!: string;

  /** The application's Mission as JSON (nodes, actions): the order exactly as decided. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumberTransformer })
  createdAt!: number;

  /** When the robot's state first echoed the order (the task went in progress); null until then. */
  @Column({ name: 'confirmed_at', type: 'bigint', transformer: bigintNumberTransformer, nullable: true })
  confirmedAt!: number | null;
}
