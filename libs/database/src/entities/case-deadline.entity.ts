import type { Clock } from '@lyg/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IpCase } from './case.entity';

export type DeadlineStatus = 'active' | 'paused' | 'met' | 'breached' | 'expired' | 'cancelled';
/** What the worker does at `due_at`: mark a breach and escalate, send the stage's expiry event, or only remind. */
export type DeadlineOnExpiry = 'breach' | 'transition' | 'reminder';

/** A stage deadline of a case: a row the worker fires, never an in-memory timer (lifecycle.md). */
@Entity('case_deadline')
@Index('case_deadline_case_idx', ['caseId'])
@Index('case_deadline_due_idx', ['dueAt'], { where: "status = 'active'" })
@Index('case_deadline_reminder_idx', ['reminderAt'], { where: "status = 'active' AND reminded_at IS NULL" })
export class CaseDeadline {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => IpCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: IpCase;

  @Column('text')
  stage: string;

  @Column('text')
  clock: Clock;

  @Column('int')
  period: number;

  @Column('text')
  basis: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('date', { name: 'due_date' })
  dueDate: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('boolean')
  provisional: boolean;

  @Column('timestamptz', { name: 'reminder_at' })
  reminderAt: Date;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column('text', { default: 'active' })
  status: DeadlineStatus;

  @Column('text', { name: 'on_expiry', default: 'breach' })
  onExpiry: DeadlineOnExpiry;

  /** Clock stops (awaiting correction, suspension, awaiting an expert): `[{from, to|null}]`, ISO instants. */
  @Column('jsonb', { default: () => "'[]'" })
  pauses: { from: string; to: string | null }[];

  /** Days (or hours) added by approved extensions. */
  @Column('int', { default: 0 })
  extension: number;

  /** When the worker handled the due time (breach or expiry): a second firing sees it and does nothing. */
  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
