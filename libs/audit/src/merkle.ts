import { createHash } from 'node:crypto';

/**
 * A Merkle tree over the audit chain (RFC 9162, section 2.1: the Certificate Transparency tree), so that one audit
 * entry can be shown to belong to a signed checkpoint without the other entries: a receiving agency gets its case's
 * entries, each with an inclusion proof of about log2(n) hashes, and checks them against the checkpoint's signed
 * `merkleRoot` without seeing any other case.
 *
 * Leaf i (0-based) is the entry with `seq` i + 1; the tree of a checkpoint at `seq` n has n leaves.
 *   leaf hash  = SHA-256(0x00 || the entry's 32-byte hash)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH(D[n])  = the leaf hash when n = 1; otherwise, with k the largest power of two below n,
 *                node(MTH(D[0:k]), MTH(D[k:n]))
 * Every subtree the root and the proofs need is a perfect subtree aligned to its size, `perfect(level, index)` =
 * the root of leaves [index * 2^level, (index + 1) * 2^level); the store keeps those of `CHUNK_LEVEL` and above
 * (`audit_merkle_node`), and the ones below are hashed from the chunk's entries when needed.
 */
export const MERKLE_DEFINITION =
  'RFC 9162 section 2.1 Merkle tree over the chain: leaf i is the entry with seq i+1, leafHash = sha256(0x00 || 32-byte entry hash), ' +
  'nodeHash = sha256(0x01 || left || right), tree size = the checkpoint seq; inclusion proofs are verified as in RFC 9162 section 2.1.3.2';

/** Nodes stored from this level up: a chunk of 256 entries. */
export const CHUNK_LEVEL = 8;
export const CHUNK_SIZE = 1 << CHUNK_LEVEL;

export function leafHash(entryHashHex: string): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(Buffer.from(entryHashHex, 'hex')).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Exact for the safe integers (powers of two are exact doubles; bit operations would stop at 2^31). */
const log2 = (n: number) => Math.round(Math.log2(n));
const isPowerOfTwo = (n: number) => n >= 1 && 2 ** log2(n) === n;

/** Where the hashes of perfect subtrees come from (a store, or leaves in memory). */
export type PerfectSubtree = (level: number, index: number) => Buffer;

/** MTH of leaves [start, start + size), `start` aligned as RFC 9162's recursion leaves it. */
export function subtreeRoot(perfect: PerfectSubtree, start: number, size: number): Buffer {
  if (isPowerOfTwo(size)) return perfect(log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(subtreeRoot(perfect, start, k), subtreeRoot(perfect, start + k, size - k));
}

export function treeRoot(perfect: PerfectSubtree, size: number): Buffer {
  if (size < 1) throw new RangeError('a Merkle tree of the audit chain has at least one leaf');
  return subtreeRoot(perfect, 0, size);
}

/** PATH(m, D[start:start+size]) of RFC 9162 section 2.1.3.1: the siblings from the leaf up. */
export function inclusionPath(perfect: PerfectSubtree, leafIndex: number, size: number): Buffer[] {
  if (!(leafIndex >= 0 && leafIndex < size)) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, n: number) => {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, k);
      path.push(subtreeRoot(perfect, start + k, n - k));
    } else {
      walk(m - k, start + k, n - k);
      path.push(subtreeRoot(perfect, start, k));
    }
  };
  walk(leafIndex, 0, size);
  return path;
}

/** The perfect subtrees over leaves held in memory (tests, chunks, a verifier rebuilding a small tree). */
export function inMemorySubtrees(leaves: readonly Buffer[]): PerfectSubtree {
  const memo = new Map<string, Buffer>();
  const perfect: PerfectSubtree = (level, index) => {
    if (level === 0) {
      const leaf = leaves[index];
      if (!leaf) throw new RangeError(`no leaf ${index}`);
      return leaf;
    }
    const key = `${level}:${index}`;
    let h = memo.get(key);
    if (!h) {
      h = nodeHash(perfect(level - 1, index * 2), perfect(level - 1, index * 2 + 1));
      memo.set(key, h);
    }
    return h;
  };
  return perfect;
}

/** The root of a perfect chunk of leaves (a power of two of them). */
export function perfectRoot(leaves: readonly Buffer[]): Buffer {
  let level = [...leaves];
  while (level.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) up.push(nodeHash(level[i], level[i + 1]));
    level = up;
  }
  return level[0];
}
