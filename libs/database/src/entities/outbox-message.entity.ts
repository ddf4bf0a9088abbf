import type { Language } from '@lyg/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'dead';

/** Mail written in the same transaction as the change it reports; only the worker sends it (at least once). */
@Entity('outbox_message')
@Index('outbox_message_pending_idx', ['nextAttemptAt'], { where: "status = 'pending'" })
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('text')
  template: string;

  @Column('text')
  recipient: string;

  @Column('text')
  language: Language;

  @Column('jsonb')
  data: Record<string, unknown>;

  /** Stable across retries so that a receiver recognises a duplicate. */
  @Column('text', { name: 'message_id' })
  messageId: string;

  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
