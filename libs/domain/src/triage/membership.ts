import type { IpRight, IpRightType } from '../model';

export function hasAny<T>(values: readonly T[], set: ReadonlySet<T>): boolean {
  for (const value of values) if (set.has(value)) return true;
  return false;
}

export function firstRightOf(rights: readonly IpRight[], types: ReadonlySet<IpRightType>): IpRight | undefined {
  for (const right of rights) if (types.has(right.type)) return right;
  return undefined;
}

/**
 * How many distinct rights of these types the complaint names ("≥2 marks", "≥2 patents"): the same registration
 * listed twice is one right. Rights without a number (an unregistered copyright, say) count one each.
 */
export function countRightsOf(rights: readonly IpRight[], types: ReadonlySet<IpRightType>): number {
  const seen = new Set<string>();
  let count = 0;
  for (const right of rights) {
    if (!types.has(right.type)) continue;
    if (right.number !== null) {
      const key = `${right.type}:${right.number.replace(/\s+/g, '').toUpperCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
    }
    count++;
  }
  return count;
}
