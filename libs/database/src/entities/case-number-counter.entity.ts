import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per year; `UPDATE … RETURNING` on it hands out case numbers without gaps or duplicates under concurrency. */
@Entity('case_number_counter')
export class CaseNumberCounter {
  @PrimaryColumn('int')
  year: number;

  @Column('int', { name: 'last_value' })
  lastValue: number;
}
