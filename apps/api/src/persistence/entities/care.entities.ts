import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

const epochMs = { type: 'bigint', transformer: bigintNumberTransformer } as const;

@Entity({ name: 'ward' })
export class WardEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) name!: string;
  /** Room ids as JSON. */
  @Column({ type: 'text' }) rooms!: string;
  @Column({ name: 'station_node', type: 'varchar', nullable: true }) stationNode!: string | null;
}

@Entity({ name: 'resident' })
@Index('IDX_resident_ward_id', ['wardId'])
@Index('IDX_resident_room_id', ['roomId'])
export class ResidentEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ name: 'display_name', type: 'varchar' }) displayName!: string;
  @Column({ name: 'room_id', type: 'varchar' }) roomId!: string;
  @Column({ type: 'integer' }) bed!: number;
  @Column({ name: 'ward_id', type: 'varchar' }) wardId!: string;
  @Column({ name: 'care_level', type: 'varchar' }) careLevel!: string;
  /** Flags as JSON. */
  @Column({ type: 'text' }) flags!: string;
  @Column({ type: 'varchar' }) status!: string;
  @Column({ name: 'created_at', ...epochMs }) createdAt!: number;
  @Column({ name: 'updated_at', ...epochMs }) updatedAt!: number;
}

@Entity({ name: 'staff_ward' })
export class StaffWardEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'varchar' }) staffId!: string;
  @PrimaryColumn({ name: 'ward_id', type: 'varchar' }) wardId!: string;
}

@Entity({ name: 'care_plan' })
@Index('IDX_care_plan_resident_id', ['residentId'])
@Index('IDX_care_plan_ward_id', ['wardId'])
export class CarePlanEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar' }) title!: string;
  @Column({ name: 'resident_id', type: 'varchar', nullable: true }) residentId!: string | null;
  @Column({ name: 'ward_id', type: 'varchar', nullable: true }) wardId!: string | null;
  @Column({ type: 'varchar' }) rrule!: string;
  @Column({ name: 'starts_on', type: 'varchar' }) startsOn!: string;
  @Column({ name: 'ends_on', type: 'varchar', nullable: true }) endsOn!: string | null;
  /** CareActivity as JSON. */
  @Column({ type: 'text' }) activity!: string;
  @Column({ name: 'lead_min', type: 'integer' }) leadMin!: number;
  @Column({ name: 'window_min', type: 'integer' }) windowMin!: number;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', ...epochMs }) createdAt!: number;
  @Column({ name: 'updated_at', ...epochMs }) updatedAt!: number;
}

@Entity({ name: 'care_plan_occurrence' })
@Index('IDX_care_plan_occurrence_at', ['at'])
export class CarePlanOccurrenceEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'varchar' }) planId!: string;
  /** Local wall-clock time `YYYY-MM-DDTHH:mm` in the facility's zone. */
  @PrimaryColumn({ name: 'occurrence_key', type: 'varchar' }) occurrenceKey!: string;
  @Column({ ...epochMs }) at!: number;
  @Column({ name: 'task_id', type: 'varchar' }) taskId!: string;
  @Column({ name: 'plan_version', type: 'integer' }) planVersion!: number;
}
