import { normalizeName } from './normalize-name';

/** A party as duplicate detection (N4) and the repeat rules compare it. */
export interface PartyKey {
  readonly uscc: string | null;
  readonly name: string;
}

/** USCCs are validated upper case; blank means "none", as the spec's "has no USCC" intends. */
export function canonicalUscc(uscc: string | null): string | null {
  if (uscc === null) return null;
  const value = uscc.trim().toUpperCase();
  return value === '' ? null : value;
}

export function partyKey(uscc: string | null, name: string): PartyKey {
  return { uscc: canonicalUscc(uscc), name: normalizeName(name) };
}

// N4: "same USCC, or the same name after NFKC normalisation, trimming and removing spaces when either side has no
// USCC". Two different USCCs are two legal persons even when their names read alike.
export function isSameParty(party: PartyKey, uscc: string | null, name: string): boolean {
  const other = canonicalUscc(uscc);
  if (party.uscc !== null && other !== null) return party.uscc === other;
  return party.name !== '' && party.name === normalizeName(name);
}
