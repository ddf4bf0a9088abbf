import type { Industry } from '@lyg/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The protection center's registered-enterprise list (保护名录 / 备案企业). */
@Entity('registered_enterprise')
export class RegisteredEnterprise {
  @PrimaryColumn('text')
  uscc: string;

  @Column('text')
  name: string;

  @Column('text', { array: true, default: () => "'{}'" })
  industries: Industry[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
