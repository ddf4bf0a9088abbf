import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Statutory holidays and make-up working days of one year (State Council notice), maintained by administrators. */
@Entity('calendar_year')
export class CalendarYearRow {
  @PrimaryColumn('int')
  year: number;

  @Column('jsonb')
  holidays: { from: string; to: string }[];

  @Column('jsonb')
  workdays: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
