import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a creating POST, replayed for the same key and body (contract.md). */
@Entity('idempotency_record')
export class IdempotencyRecord {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('text')
  key: string;

  /** Method and route the key was used on. */
  @Column('text')
  scope: string;

  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('int', { name: 'status_code' })
  statusCode: number;

  @Column('jsonb')
  body: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
