import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every distinct complainant and respondent name of the cases, kept by a trigger on `ip_case` (migration
 * SearchIndexes): a search term is matched here first (trigram index), then each matching party's cases are read in
 * queue order from `(name, queue order)` indexes, so a search costs the same for a party with three cases or thirty
 * thousand. Names are never removed: a stale one simply matches no case.
 */
@Entity('party_name')
@Index('party_name_trgm_idx', { synchronize: false })
export class PartyName {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'party_name_pkey' })
  name: string;
}
