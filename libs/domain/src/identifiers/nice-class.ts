// Nice Classification (尼斯分类) of goods and services for trademarks.

export type NiceClassesCheck = { ok: true; value: number[] } | { ok: false; code: 'required' | 'range' | 'duplicate' };

// The Nice Agreement defines classes 1–34 for goods and 35–45 for services; China applies it unchanged.
const FIRST_NICE_CLASS = 1;
const LAST_NICE_CLASS = 45;

/**
 * Validates the classes a trademark is registered for. Takes `unknown` because it guards raw request bodies;
 * returns the classes sorted so that two complaints about the same mark compare equal.
 */
export function checkNiceClasses(classes: unknown): NiceClassesCheck {
  if (!Array.isArray(classes) || classes.length === 0) return { ok: false, code: 'required' };
  const value: number[] = [];
  for (const c of classes as unknown[]) {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < FIRST_NICE_CLASS || c > LAST_NICE_CLASS) {
      return { ok: false, code: 'range' };
    }
    value.push(c);
  }
  if (new Set(value).size !== value.length) return { ok: false, code: 'duplicate' };
  return { ok: true, value: value.sort((a, b) => a - b) };
}
