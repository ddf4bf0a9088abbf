import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const ORGANIZATION_KINDS = [
  'enterprise',
  'protection_center',
  'mediation_committee',
  'market_regulation',
  'copyright_bureau',
  'agriculture_bureau',
  'police',
  'court',
  'customs',
  'procuratorate',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
