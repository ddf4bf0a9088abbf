// Building blocks of reason messages, so that every rule states amounts, periods and lists the same way.
import type { LocalizedText, TriageReason } from '../model';

export function reason(ruleId: string, legalBasis: string, zh: string, en: string): TriageReason {
  return { ruleId, legalBasis, message: { zh, en } };
}

/** Whole numbers with thousands separators: 60,000 (by hand: a regex or Intl costs more than the rule itself). */
export function formatAmount(amount: number): string {
  const digits = String(amount);
  const sign = digits.startsWith('-') ? 1 : 0;
  const group = (digits.length - sign) % 3 || 3;
  let out = digits.slice(0, sign + group);
  for (let i = sign + group; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

export const cnyZh = (amount: number): string => `${formatAmount(amount)} 元`;
export const cnyEn = (amount: number): string => `CNY ${formatAmount(amount)}`;

/** A window of days, with the whole years it stands for ("5 年（1,825 天）"). */
export function periodText(days: number): LocalizedText {
  if (days % 365 !== 0) return { zh: `${formatAmount(days)} 天`, en: `${formatAmount(days)} days` };
  const years = days / 365;
  return { zh: `${years} 年（${formatAmount(days)} 天）`, en: `${years} years (${formatAmount(days)} days)` };
}

/** Joins localized items: "、" in Chinese, ", " in English. */
export function joinText(items: readonly LocalizedText[]): LocalizedText {
  return { zh: items.map((i) => i.zh).join('、'), en: items.map((i) => i.en).join(', ') };
}
