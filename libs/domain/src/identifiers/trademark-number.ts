// CNIPA trademark registration numbers (商标注册号).

export type TrademarkNumberCheck = { ok: true; value: string } | { ok: false; code: 'format' };

// Registration numbers are plain serials, currently up to 8 digits. Decorations such as 第…号 are rejected rather
// than stripped so that the stored number is exactly what the register shows and duplicate detection compares
// like with like.
const REGISTRATION_NUMBER = /^\d{1,8}$/;

export function checkTrademarkNumber(input: string): TrademarkNumberCheck {
  const value = input.normalize('NFKC').trim();
  return REGISTRATION_NUMBER.test(value) ? { ok: true, value } : { ok: false, code: 'format' };
}
