import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumberTransformer } from './bigint-number.transformer';

@Entity({ name: 'staff_user' })
@Index('IDX_staff_user_username', ['username'], { unique: true })
export class StaffUserEntity {
  @PrimaryColumn({ type: 'varchar' })
  id!: string;

  /** Lower case. */
  @Column({ type: 'varchar' })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar' })
  displayName!: string;

  @Column({ type: 'varchar' })
  role!: string;

  /** scrypt, see ScryptPasswordHasher. */
  @Column({ name: 'password_hash', type: 'varchar' })
  passwordHash!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintNumberTransformer })
  createdAt!: number;
}
