import type { DataSource, EntityManager } from 'typeorm';
import { CHUNK_LEVEL, CHUNK_SIZE, inclusionPath, inMemorySubtrees, leafHash, type PerfectSubtree, perfectRoot, treeRoot } from './merkle';

/**
 * The Merkle tree of the audit chain in PostgreSQL (`audit_merkle_node`, append-only like the chain): the roots of
 * every complete, aligned run of 256 entries (level 8) and of every complete pair above them, added by the worker
 * when it signs a checkpoint. Below level 8 a subtree is hashed from its chunk's entries when a proof needs it, so
 * the table holds about n / 128 rows for n entries, and a root or a proof reads O(log n) rows.
 */

/** Chunks hashed per read when the tree is extended (256 entries each). */
const CHUNKS_PER_READ = 64;
const ZERO = Buffer.alloc(32);

export class MerkleTreeIncompleteError extends Error {
  override name = 'MerkleTreeIncompleteError';
}

type Db = DataSource | EntityManager;

/**
 * Adds the nodes of every complete chunk up to entry `headSeq` and of every pair above them that is now complete.
 * Run under the checkpoint lock, in the checkpoint's transaction, after the chain up to `headSeq` was verified.
 * Returns how many chunks were hashed.
 */
export async function extendMerkleTree(m: EntityManager, headSeq: number): Promise<number> {
  const [{ next }]: { next: string }[] = await m.query('SELECT coalesce(max(idx) + 1, 0)::text AS next FROM audit_merkle_node WHERE level = $1', [CHUNK_LEVEL]);
  const complete = Math.floor(headSeq / CHUNK_SIZE);
  let hashed = 0;
  for (let c = Number(next); c < complete; c += CHUNKS_PER_READ) {
    const upTo = Math.min(complete, c + CHUNKS_PER_READ);
    const rows: { hash: string }[] = await m.query('SELECT a.hash FROM audit_entry a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq', [
      c * CHUNK_SIZE,
      upTo * CHUNK_SIZE,
    ]);
    if (rows.length !== (upTo - c) * CHUNK_SIZE) {
      throw new MerkleTreeIncompleteError(`entries ${c * CHUNK_SIZE + 1}–${upTo * CHUNK_SIZE} are not all there (${rows.length} found)`);
    }
    const idx: number[] = [];
    const hashes: Buffer[] = [];
    for (let i = c; i < upTo; i++) {
      const from = (i - c) * CHUNK_SIZE;
      idx.push(i);
      hashes.push(perfectRoot(rows.slice(from, from + CHUNK_SIZE).map((r) => leafHash(r.hash))));
    }
    await m.query(
      'INSERT INTO audit_merkle_node (level, idx, hash) SELECT $1, i, h FROM unnest($2::bigint[], $3::bytea[]) AS t(i, h) ON CONFLICT DO NOTHING',
      [CHUNK_LEVEL, idx, hashes],
    );
    hashed += upTo - c;
  }
  // The pairs above, level by level, each in one statement (PostgreSQL's sha256 is the same function).
  for (let level = CHUNK_LEVEL; ; level++) {
    const [{ top, made }]: { top: string | null; made: string }[] = await m.query(
      `SELECT (SELECT max(idx) FROM audit_merkle_node WHERE level = $1)::text AS top,
              coalesce((SELECT max(idx) + 1 FROM audit_merkle_node WHERE level = $1 + 1), 0)::text AS made`,
      [level],
    );
    if (top === null || Number(top) < 1) break;
    if (Math.floor((Number(top) + 1) / 2) > Number(made)) {
      await m.query(
        `INSERT INTO audit_merkle_node (level, idx, hash)
         SELECT $1 + 1, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
           FROM audit_merkle_node l JOIN audit_merkle_node r ON r.level = $1 AND r.idx = l.idx + 1
          WHERE l.level = $1 AND l.idx % 2 = 0 AND l.idx >= $2
         ON CONFLICT DO NOTHING`,
        [level, Number(made) * 2],
      );
    }
  }
  return hashed;
}

/**
 * Runs `compute` (a root or proofs over `PerfectSubtree`) with the subtrees it needs read in two statements: a first
 * pass records which stored nodes and which chunks of entries it touches (the recursion's shape depends on sizes
 * and positions only), then they are read at once and the second pass computes.
 */
export async function withSubtrees<T>(db: Db, treeSize: number, compute: (perfect: PerfectSubtree) => T): Promise<T> {
  const nodeKeys = new Map<string, { level: number; index: number }>();
  const chunkIds = new Set<number>();
  compute((level, index) => {
    if (level >= CHUNK_LEVEL) nodeKeys.set(`${level}:${index}`, { level, index });
    else chunkIds.add(Math.floor((index * 2 ** level) / CHUNK_SIZE));
    return ZERO;
  });
  const nodes = new Map<string, Buffer>();
  if (nodeKeys.size) {
    const keys = [...nodeKeys.values()];
    const rows: { level: number; idx: string; hash: Buffer }[] = await db.query(
      `SELECT n.level, n.idx::text AS idx, n.hash FROM unnest($1::smallint[], $2::bigint[]) AS k(level, idx)
         JOIN audit_merkle_node n ON n.level = k.level AND n.idx = k.idx`,
      [keys.map((k) => k.level), keys.map((k) => k.index)],
    );
    for (const r of rows) nodes.set(`${r.level}:${r.idx}`, r.hash);
  }
  const chunks = new Map<number, PerfectSubtree>();
  if (chunkIds.size) {
    const ids = [...chunkIds];
    // One index range per chunk, bounded (LIMIT): a plain join on ranges is estimated at a large share of the table,
    // which costs nothing to run but makes PostgreSQL JIT-compile the statement (over a second on a 1 M chain).
    const rows: { seq: string; hash: string }[] = await db.query(
      `SELECT a.seq::text AS seq, a.hash FROM unnest($1::bigint[]) AS c(i)
         CROSS JOIN LATERAL (SELECT e.seq, e.hash FROM audit_entry e
                              WHERE e.seq > c.i * ${CHUNK_SIZE} AND e.seq <= least(c.i * ${CHUNK_SIZE} + ${CHUNK_SIZE}, $2)
                              ORDER BY e.seq LIMIT ${CHUNK_SIZE}) a`,
      [ids, treeSize],
    );
    const leaves = new Map<number, Buffer[]>(ids.map((i) => [i, []]));
    for (const r of rows) {
      const i = Number(r.seq) - 1;
      leaves.get(Math.floor(i / CHUNK_SIZE))![i % CHUNK_SIZE] = leafHash(r.hash);
    }
    for (const [i, l] of leaves) chunks.set(i, inMemorySubtrees(l));
  }
  return compute((level, index) => {
    if (level >= CHUNK_LEVEL) {
      const h = nodes.get(`${level}:${index}`);
      if (!h) throw new MerkleTreeIncompleteError(`no Merkle node at level ${level}, index ${index}: the tree has not been extended that far`);
      return h;
    }
    const first = index * 2 ** level;
    const chunk = Math.floor(first / CHUNK_SIZE);
    try {
      return chunks.get(chunk)!(level, index - chunk * 2 ** (CHUNK_LEVEL - level));
    } catch {
      throw new MerkleTreeIncompleteError(`entries ${first + 1}–${first + 2 ** level} are not all there`);
    }
  });
}

/** The root of the tree of the first `treeSize` entries. */
export function merkleRoot(db: Db, treeSize: number): Promise<Buffer> {
  return withSubtrees(db, treeSize, (perfect) => treeRoot(perfect, treeSize));
}

export interface InclusionProof {
  seq: string;
  /** `seq - 1`. */
  leafIndex: number;
  /** The audit entry's hash (hex): the leaf is sha256(0x00 || these 32 bytes). */
  hash: string;
  /** Sibling hashes from the leaf up (hex), RFC 9162 order. */
  path: string[];
}

/**
 * Inclusion proofs of the given entries in the tree of the first `treeSize` entries, and that tree's root. Entries
 * past `treeSize` have no proof in that tree (the caller reports them as waiting for the next checkpoint).
 */
export async function inclusionProofs(db: Db, treeSize: number, entries: readonly { seq: string; hash: string }[]): Promise<{ root: Buffer; proofs: InclusionProof[] }> {
  const covered = entries.filter((e) => Number(e.seq) >= 1 && Number(e.seq) <= treeSize);
  return withSubtrees(db, treeSize, (perfect) => ({
    root: treeRoot(perfect, treeSize),
    proofs: covered.map((e) => ({
      seq: e.seq,
      leafIndex: Number(e.seq) - 1,
      hash: e.hash,
      path: inclusionPath(perfect, Number(e.seq) - 1, treeSize).map((b) => b.toString('hex')),
    })),
  }));
}
