import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per account key within a sliding window; kept in the database so that every API replica agrees. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn('text')
  key: string;

  @Column('int')
  failures: number;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;
}
