import type { OrganizationKind } from '@lyg/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

// The kinds are the domain's (libs/domain/src/model/organizations.ts, with the roles each kind's accounts may hold).
export type { OrganizationKind } from '@lyg/domain';

@Entity('organization')
export class Organization {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganizationKind;

  @Index('organization_uscc_key', { unique: true, where: 'uscc IS NOT NULL' })
  @Column('text', { nullable: true })
  uscc: string | null;

  @Column('text', { name: 'region_code', nullable: true })
  regionCode: string | null;

  /** A deactivated organisation's accounts cannot sign in or use their tokens; nothing is transferred to it. */
  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
