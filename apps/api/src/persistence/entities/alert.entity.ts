import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

/** Alerts raised to staff, kept so a reloaded dashboard still shows them; acknowledged ones stay for the record. */
@Entity({ name: 'alert' })
@Index('IDX_alert_at', ['at'])
@Index('IDX_alert_acknowledged_at', ['acknowledgedAt'])
@Index('IDX_alert_ward_id', ['wardId'])
export class AlertEntity {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'bigint', transformer: bigintNumberTransformer })
  at!: number;

  @Column({ type: 'varchar' })
  kind!: string;

  @Column({ type: 'varchar' })
  severity!: string;

  @Column({ name: 'robot_id', type: 'varchar', nullable: true })
  robotId!: string | null;

  @Column({ name: 'task_id', type: 'varchar', nullable: true })
  taskId!: string | null;

  /** Care alerts: the ward whose staff it is for, the room it is about. */
  @Column({ name: 'ward_id', type: 'varchar', nullable: true })
  wardId!: string | null;

  @Column({ name: 'room_id', type: 'varchar', nullable: true })
  roomId!: string | null;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'acknowledged_at', type: 'bigint', nullable: true, transformer: bigintNumberTransformer })
  acknowledgedAt!: number | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_by_name', type: 'varchar', nullable: true })
  acknowledgedByName!: string | null;
}
