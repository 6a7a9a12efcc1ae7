import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';
import { TaskEntity } from './task.entity';

/** One step of a medication delivery's chain of custody; rows are only ever added. */
@Entity({ name: 'custody_entry' })
@Index('IDX_custody_entry_task_id', ['taskId'])
export class CustodyEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'task_id', type: 'varchar' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_custody_entry_task' })
  task?: TaskEntity;

  @Column({ type: 'varchar' })
  step!: string;

  @Column({ type: 'bigint', transformer: bigintNumberTransformer })
  at!: number;

  @Column({ name: 'node_id', type: 'varchar' })
  nodeId!: string;

  @Column({ name: 'staff_id', type: 'varchar', nullable: true })
  staffId!: string | null;

  @Column({ name: 'robot_id', type: 'varchar', nullable: true })
  robotId!: string | null;

  @Column({ type: 'varchar' })
  via!: string;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
