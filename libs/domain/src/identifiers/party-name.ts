// Party names as compared by duplicate detection (triage rule N4) and repeat-infringer matching.

/**
 * The form two names are compared in: the same company is typed with full-width or half-width characters, with
 * or without spaces (including the ideographic space U+3000), in any letter case. NFKC folds the widths and
 * maps U+3000 to a plain space before the spaces are removed.
 */
export function normalizePartyName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}
