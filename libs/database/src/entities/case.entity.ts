import type { ComplaintInput, CompetentAgency, Flag, Outcome, Route, TriageResult } from '@lyg/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from './organization.entity';
import { UserAccount } from './user-account.entity';

export interface CaseWarning {
  field: string;
  code: string;
}

/** Persisted statechart snapshot: the machine version it was made by, and its state. */
export interface StoredSnapshot {
  machineVersion: string;
  value: unknown;
  context: Record<string, unknown>;
}

@Entity('ip_case')
@Index('ip_case_org_created_idx', ['organizationId', 'createdAt', 'id'])
// Queue order (triage-rules.md §5) as expression indexes made by migration QueueIndexes; TypeORM leaves them alone.
@Index('ip_case_queue_order_idx', { synchronize: false })
@Index('ip_case_unassigned_queue_idx', { synchronize: false })
// Lists and search at scale (migration SearchIndexes): an assignee's queue, a party's cases in queue order.
@Index('ip_case_assignee_queue_idx', { synchronize: false })
@Index('ip_case_complainant_queue_idx', { synchronize: false })
@Index('ip_case_respondent_queue_idx', { synchronize: false })
// Queue order without a leading state (migration ListIndexes): the "All" queues; an agency's inbox in queue order.
@Index('ip_case_all_queue_idx', { synchronize: false })
@Index('ip_case_transferred_queue_idx', { synchronize: false })
// An enterprise's search of its own cases, newest first: a party's page is one range of (organisation, name, creation).
@Index('ip_case_org_complainant_recent_idx', ['organizationId', 'complainantName', 'createdAt', 'id'])
@Index('ip_case_org_respondent_recent_idx', ['organizationId', 'respondentName', 'createdAt', 'id'])
export class IpCase {
  @PrimaryColumn('uuid')
  id: string;

  /** `LYG-IP-<year>-<6 digits>`, given at submission. */
  @Index('ip_case_case_number_key', { unique: true, where: 'case_number IS NOT NULL' })
  @Column('text', { name: 'case_number', nullable: true })
  caseNumber: string | null;

  /** The filing organisation: it owns the case. */
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  /** Dotted path of the main region of the statechart, e.g. `mediation.mediating`. */
  @Column('text')
  state: string;

  @Column('text', { name: 'respondent_answer', nullable: true })
  respondentAnswer: string | null;

  @Column('text', { nullable: true })
  outcome: Outcome | null;

  @Column('text', { nullable: true })
  route: Route | null;

  @Column('text', { name: 'competent_agency', nullable: true })
  competentAgency: CompetentAgency | null;

  @Column('text', { array: true, default: () => "'{}'" })
  flags: Flag[];

  @Column('int', { default: 0 })
  priority: number;

  @Column('jsonb')
  complaint: ComplaintInput;

  @Column('jsonb', { nullable: true })
  triage: TriageResult | null;

  @Column('jsonb', { default: () => "'[]'" })
  warnings: CaseWarning[];

  @Column('jsonb')
  snapshot: StoredSnapshot;

  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: UserAccount;

  /** Receiving organisation (police, court, customs, procuratorate) once transferred. */
  @Column('uuid', { name: 'transferred_to', nullable: true })
  transferredTo: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transferred_to' })
  transferredToOrganization?: Organization;

  /** Party keys for duplicate and repeat-infringer matching (USCC, or normalised name). */
  @Index('ip_case_respondent_key_idx')
  @Column('text', { name: 'respondent_key' })
  respondentKey: string;

  @Index('ip_case_respondent_name_key_idx')
  @Column('text', { name: 'respondent_name_key' })
  respondentNameKey: string;

  @Column('text', { name: 'complainant_name' })
  complainantName: string;

  @Column('text', { name: 'respondent_name' })
  respondentName: string;

  /** Due instant of the current stage's deadline: the queue order. */
  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column('boolean', { name: 'sla_breached', default: false })
  slaBreached: boolean;

  @Column('int')
  version: number;

  /** The period figures (metrics) select the cases submitted in a period. */
  @Index('ip_case_submitted_at_idx')
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
