import { createHash } from 'node:crypto';
import { inMemorySubtrees, inclusionPath, leafHash, nodeHash, perfectRoot, treeRoot, verifyInclusion } from './merkle';

const entryHash = (i: number) => createHash('sha256').update(`entry ${i}`).digest('hex');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(entryHash(i)));

/** RFC 9162's definitions written out literally, on the leaf list (the reference the store-backed code must equal). */
function mth(d: Buffer[]): Buffer {
  if (d.length === 1) return d[0];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}
function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...path(m, d.slice(0, k)), mth(d.slice(k))] : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

describe('the Merkle tree over the audit chain (RFC 9162)', () => {
  it('hash leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    const h = entryHash(1);
    expect(leafHash(h)).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(h, 'hex')])).digest());
    const [a, b] = leaves(2);
    expect(nodeHash(a, b)).toEqual(createHash('sha256').update(Buffer.concat([Buffer.from([1]), a, b])).digest());
  });

  it('give the RFC root and inclusion path for every leaf of every tree size from 1 to 70, and the paths verify', () => {
    for (let n = 1; n <= 70; n++) {
      const d = leaves(n);
      const perfect = inMemorySubtrees(d);
      const root = treeRoot(perfect, n);
      expect(root).toEqual(mth(d));
      for (let m = 0; m < n; m++) {
        const p = inclusionPath(perfect, m, n);
        expect(p).toEqual(path(m, d));
        expect(verifyInclusion(m, n, d[m], p, root)).toBe(true);
      }
    }
  });

  it('refuse a proof for another leaf, position, size or root, or with a changed, missing or extra hash', () => {
    const n = 37;
    const d = leaves(n);
    const perfect = inMemorySubtrees(d);
    const root = treeRoot(perfect, n);
    const p = inclusionPath(perfect, 20, n);
    expect(verifyInclusion(20, n, d[20], p, root)).toBe(true);
    expect(verifyInclusion(20, n, d[21], p, root)).toBe(false);
    expect(verifyInclusion(21, n, d[20], p, root)).toBe(false);
    expect(verifyInclusion(20, 21, d[20], p, root)).toBe(false);
    expect(verifyInclusion(20, n, d[20], p, treeRoot(perfect, n - 1))).toBe(false);
    expect(verifyInclusion(20, n, d[20], [...p.slice(0, 2), leafHash(entryHash(99)), ...p.slice(3)], root)).toBe(false);
    expect(verifyInclusion(20, n, d[20], p.slice(1), root)).toBe(false);
    expect(verifyInclusion(20, n, d[20], [...p, d[0]], root)).toBe(false);
    expect(verifyInclusion(n, n, d[20], p, root)).toBe(false);
    expect(verifyInclusion(-1, n, d[20], p, root)).toBe(false);
  });

  it('compute a perfect chunk the same way as the recursion', () => {
    const d = leaves(256);
    expect(perfectRoot(d)).toEqual(mth(d));
    expect(perfectRoot(d.slice(0, 1))).toEqual(d[0]);
  });
});
