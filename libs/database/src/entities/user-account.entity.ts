import type { Language, Role } from '@lyg/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from './organization.entity';

@Entity('user_account')
export class UserAccount {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored lower-case; unique without regard to case. */
  @Index('user_account_email_key', { unique: true })
  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (base64). */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  role: Role;

  /** Null only for system administrators. */
  @Index('user_account_organization_idx')
  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('text', { default: 'zh-CN' })
  language: Language;

  /** An inactive account cannot sign in, and its access tokens are refused from the next request on. */
  @Column('boolean', { default: true })
  active: boolean;

  /**
   * Raised whenever the account's access changes (deactivation, password reset or change, role or organisation):
   * access tokens carry the version they were issued under (`ver`) and an older one is refused.
   */
  @Column('integer', { name: 'token_version', default: 0 })
  tokenVersion: number;

  /** Set with a one-time password from an administrator: the account chooses its own before anything else. */
  @Column('boolean', { name: 'password_change_required', default: false })
  passwordChangeRequired: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
