import type { IpRight, IpRightType } from '../model';

export function hasAny<T>(values: readonly T[], set: ReadonlySet<T>): boolean {
  for (const value of values) if (set.has(value)) return true;
  return false;
}

export function firstRightOf(rights: readonly IpRight[], types: ReadonlySet<IpRightType>): IpRight | undefined {
  for (const right of rights) if (types.has(right.type)) return right;
  return undefined;
}

export function countRightsOf(rights: readonly IpRight[], types: ReadonlySet<IpRightType>): number {
  let count = 0;
  for (const right of rights) if (types.has(right.type)) count++;
  return count;
}
