import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Authority } from '#database';

export type ContactRole = 'board_chair' | 'lscb_chair';
export const CONTACT_ROLES: readonly ContactRole[] = ['board_chair', 'lscb_chair'];

/** A person outside the teams who hears about actions that stay late: the improvement board or LSCB chair. */
@Entity('authority_contacts')
@Unique('uq_authority_contacts_role_email', ['authorityCode', 'role', 'email'])
export class AuthorityContact {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_authority_contacts_authority')
  @Column({ name: 'authority_code', type: 'varchar', length: 16 })
  authorityCode: string;

  @ManyToOne(() => Authority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authority_code' })
  authority?: Relation<Authority>;

  @Column({ type: 'varchar', length: 20 })
  role: ContactRole;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
