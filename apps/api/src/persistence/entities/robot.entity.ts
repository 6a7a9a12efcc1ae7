import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

@Entity({ name: 'robot' })
export class RobotEntity {
  /** `${manufacturer}:${serialNumber}` */
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  @Column({ type: 'varchar' })
  manufacturer!: string;

  @Column({ name: 'serial_number', type: 'varchar' })
  serialNumber!: string;

  @Column({ type: 'varchar' })
  name!: string;

  @Column({ type: 'varchar', nullable: true })
  model!: string | null;

  /** string[] as JSON. */
  @Column({ type: 'text' })
  actions!: string;

  /** string[] as JSON; null until a factsheet that lists actions came (then no instant action is held back). */
  @Column({ name: 'instant_actions', type: 'text', nullable: true })
  instantActions!: string | null;

  /** OrderLimits as JSON; null while its factsheet declared none. */
  @Column({ name: 'order_limits', type: 'text', nullable: true })
  orderLimits!: string | null;

  @Column({ type: 'double precision' })
  speed!: number;

  @Column({ type: 'varchar' })
  connection!: string;

  // A pose is all four columns or none.
  @Column({ name: 'pose_x', type: 'double precision', nullable: true })
  poseX!: number | null;

  @Column({ name: 'pose_y', type: 'double precision', nullable: true })
  poseY!: number | null;

  @Column({ name: 'pose_theta', type: 'double precision', nullable: true })
  poseTheta!: number | null;

  @Column({ name: 'pose_floor', type: 'varchar', nullable: true })
  poseFloor!: string | null;

  @Column({ name: 'last_node_id', type: 'varchar', nullable: true })
  lastNodeId!: string | null;

  @Column({ type: 'double precision', nullable: true })
  battery!: number | null;

  @Column({ type: 'boolean' })
  charging!: boolean;

  @Column({ type: 'boolean' })
  driving!: boolean;

  @Column({ type: 'boolean' })
  paused!: boolean;

  @Column({ type: 'boolean' })
  working!: boolean;

  /** RobotError[] as JSON. */
  @Column({ type: 'text' })
  errors!: string;

  @Column({ name: 'in_service', type: 'boolean' })
  inService!: boolean;

  @Column({ name: 'current_task_id', type: 'varchar', nullable: true })
  currentTaskId!: string | null;

  @Column({ name: 'last_seen_at', type: 'bigint', transformer: bigintNumberTransformer, nullable: true })
  lastSeenAt!: number | null;
}
