// Unified Social Credit Code (统一社会信用代码), GB 32100-2015.

// GB 32100-2015 §4: the code alphabet is the digits and the capital letters without I, O, Z, S and V, which are
// too easily confused with 1, 0, 2, 5 and U when written by hand. A character's value is its index here.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_LENGTH = 18;

// GB 32100-2015 §5 (ISO 7064 MOD 31-3 style): weight i is 3^(i-1) mod 31 for positions 1..17.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccCheck =
  | { ok: true; value: string; checkCharacterValid: boolean }
  | { ok: false; code: 'length' | 'character' };

const isUsccCharacter = (ch: string): boolean => ch.length === 1 && USCC_ALPHABET.includes(ch);

/**
 * The 18th character the standard prescribes for the first 17. Only defined for 17 characters of the code
 * alphabet: a RangeError is a programming error, never a reaction to user input (check that with `checkUscc`).
 */
export function computeUsccCheckCharacter(first17: string): string {
  const chars = [...first17];
  if (chars.length !== USCC_WEIGHTS.length || !chars.every(isUsccCharacter)) {
    throw new RangeError('computeUsccCheckCharacter needs 17 characters of the GB 32100-2015 alphabet');
  }
  const sum = chars.reduce((acc, ch, i) => acc + USCC_ALPHABET.indexOf(ch) * (USCC_WEIGHTS[i] ?? 0), 0);
  // §5: C18 = 31 - (Σ mod 31), and 31 is written as 0 so that the result is a single character.
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates a USCC. A failing check character is reported, not rejected: codes issued in the 2015 pilot phase
 * were assigned before the check was enforced and remain legally valid (spec/contract.md, ComplaintInput).
 */
export function checkUscc(input: string): UsccCheck {
  // Full-width letters and digits come from Chinese input methods; NFKC folds them to ASCII.
  const value = input.normalize('NFKC').trim().toUpperCase();
  const chars = [...value];
  if (chars.length !== USCC_LENGTH) return { ok: false, code: 'length' };
  if (!chars.every(isUsccCharacter)) return { ok: false, code: 'character' };
  const checkCharacterValid = computeUsccCheckCharacter(value.slice(0, USCC_LENGTH - 1)) === value.charAt(USCC_LENGTH - 1);
  return { ok: true, value, checkCharacterValid };
}
