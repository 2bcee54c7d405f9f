import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An English local authority with children's services, keyed by its ONS code. */
@Entity('authorities')
export class Authority {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Other names reports print for it ("London Borough of Waltham Forest"). */
  @Column({ name: 'other_names', type: 'simple-json' })
  otherNames: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  @Column({ name: 'authority_type', type: 'varchar', length: 100, nullable: true })
  authorityType: string | null;
}
