import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IpCase } from './case.entity';

/**
 * The respondent's answer link (`/respond/<token>`): single-use and expiring with the answer period. Only the
 * token's SHA-256 is kept, so a copy of the database does not open any link.
 */
@Entity('respondent_token')
export class RespondentToken {
  @PrimaryColumn('uuid')
  id: string;

  @Index('respondent_token_case_idx')
  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => IpCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: IpCase;

  /** Hex SHA-256 of the token's text. */
  @Index('respondent_token_hash_key', { unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  /** The end of the respondent's answer period (the `respondent_answer` deadline's `dueAt`). */
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
