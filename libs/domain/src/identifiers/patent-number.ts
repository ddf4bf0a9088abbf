// CNIPA patent application numbers (专利申请号), as printed on certificates with the ZL prefix.
import type { PatentType } from '../model/enums';

export type PatentNumberCheck = { ok: true; value: string } | { ok: false; code: 'format' | 'type_digit' | 'check_digit' };

// Since 1 October 2003 the number is 4-digit year + type digit + 7-digit serial (12 digits); before, it was
// 2-digit year + type digit + 5-digit serial (8 digits). Either is followed by one check character, and the
// prefix (ZL on certificates, CN in publications) and the dot before the check character are presentation only.
const APPLICATION_NUMBER = /^(?:ZL|CN)?(\d{12}|\d{8})\.?([\dX])$/;

// The type digit follows the year. 8 and 9 are PCT applications entering the national phase as an invention or
// utility model; designs have no PCT route, hence only 3.
const TYPE_DIGITS: Readonly<Record<PatentType, readonly string[]>> = {
  invention_patent: ['1', '8'],
  utility_model: ['2', '9'],
  design_patent: ['3'],
};

// CNIPA check character: weights 2..9 then 2..5 again over the digits, sum mod 11, with 10 written as X.
// An 8-digit number simply uses the first eight weights.
const CHECK_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

function patentCheckCharacter(digits: string): string {
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (CHECK_WEIGHTS[i] ?? 0), 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** Validates an application number for the given patent type and returns it canonical: `ZL<digits>.<check>`. */
export function checkPatentNumber(input: string, type: PatentType): PatentNumberCheck {
  // Applicants copy numbers from PDFs and Chinese input methods: full-width ＺＬ２０…．６ and spaces between groups.
  const compact = input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
  const match = APPLICATION_NUMBER.exec(compact);
  const digits = match?.[1];
  const check = match?.[2];
  if (digits === undefined || check === undefined) return { ok: false, code: 'format' };
  const yearLength = digits.length === 12 ? 4 : 2;
  if (!TYPE_DIGITS[type].includes(digits.charAt(yearLength))) return { ok: false, code: 'type_digit' };
  if (patentCheckCharacter(digits) !== check) return { ok: false, code: 'check_digit' };
  return { ok: true, value: `ZL${digits}.${check}` };
}
