import { createHash } from 'node:crypto';
import { verifyInclusion } from '@lyg/domain';
import { inMemorySubtrees, inclusionPath, leafHash, nodeHash, perfectRoot, treeRoot } from './merkle';

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

  const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

  it('give the RFC root and inclusion path for every leaf of every tree size from 1 to 70, and the paths verify (libs/domain verifyInclusion)', async () => {
    for (let n = 1; n <= 70; n++) {
      const d = leaves(n);
      const perfect = inMemorySubtrees(d);
      const root = treeRoot(perfect, n);
      expect(root).toEqual(mth(d));
      for (let m = 0; m < n; m++) {
        const p = inclusionPath(perfect, m, n);
        expect(p).toEqual(path(m, d));
        expect(await verifyInclusion(m, n, entryHash(m), hex(p), root.toString('hex'))).toBe(true);
      }
    }
  });

  it('refuse a proof for another leaf, position, size or root, or with a changed, missing or extra hash', async () => {
    const n = 37;
    const d = leaves(n);
    const perfect = inMemorySubtrees(d);
    const root = treeRoot(perfect, n).toString('hex');
    const p = hex(inclusionPath(perfect, 20, n));
    const check = (index: number, size: number, entry: string, pathHex: string[], rootHex: string) => verifyInclusion(index, size, entry, pathHex, rootHex);
    expect(await check(20, n, entryHash(20), p, root)).toBe(true);
    expect(await check(20, n, entryHash(21), p, root)).toBe(false);
    expect(await check(21, n, entryHash(20), p, root)).toBe(false);
    expect(await check(20, 21, entryHash(20), p, root)).toBe(false);
    expect(await check(20, n, entryHash(20), p, treeRoot(perfect, n - 1).toString('hex'))).toBe(false);
    expect(await check(20, n, entryHash(20), [...p.slice(0, 2), leafHash(entryHash(99)).toString('hex'), ...p.slice(3)], root)).toBe(false);
    expect(await check(20, n, entryHash(20), p.slice(1), root)).toBe(false);
    expect(await check(20, n, entryHash(20), [...p, d[0].toString('hex')], root)).toBe(false);
    expect(await check(n, n, entryHash(20), p, root)).toBe(false);
    expect(await check(-1, n, entryHash(20), p, root)).toBe(false);
    expect(await check(20, n, entryHash(20), [...p.slice(1), 'not hex'], root)).toBe(false);
  });

  it('compute a perfect chunk the same way as the recursion', () => {
    const d = leaves(256);
    expect(perfectRoot(d)).toEqual(mth(d));
    expect(perfectRoot(d.slice(0, 1))).toEqual(d[0]);
  });
});
