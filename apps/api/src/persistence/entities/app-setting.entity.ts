import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small named values kept across restarts (token signing key, fleet stop). */
@Entity({ name: 'app_setting' })
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
