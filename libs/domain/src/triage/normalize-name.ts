// Party names as compared by duplicate detection (N4) and repeat-infringer matching (T1 "repeat",
// flag repeat_infringer). Private to triage until identifiers' normalizePartyName lands; the semantics are the
// same (NFKC, no whitespace, lower case) so one can replace the other without changing a decision.

// Printable ASCII except space and A-Z, and the CJK Unified Ideographs block: NFKC leaves such characters alone
// (quick-check "yes", combining class 0, no compositions among them) and they have neither case nor whitespace.
// Most company names consist of them only, and skipping ICU for those halves the cost of history matching.
function isAlreadyNormal(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const plainAscii = c >= 0x21 && c <= 0x7e && !(c >= 0x41 && c <= 0x5a);
    if (!plainAscii && !(c >= 0x4e00 && c <= 0x9fff)) return false;
  }
  return true;
}

/**
 * The same company is typed with full-width or half-width characters, with or without spaces (including the
 * ideographic space U+3000, which NFKC maps to a plain space), in any letter case.
 */
export function normalizeName(name: string): string {
  if (isAlreadyNormal(name)) return name;
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}
