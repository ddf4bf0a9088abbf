// S3 conformance of the evidence store (libs/evidence): the embedded S3 server in CI, or any endpoint given by
// TEST_S3_ENDPOINT / TEST_S3_ACCESS_KEY / TEST_S3_SECRET_KEY (MinIO, or `moto_server -p 5055` for object lock and
// versioning, with TEST_S3_OBJECT_LOCK=true) — the suite creates its own bucket with object lock requested and
// adapts to what the server grants).
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  createContentInspector,
  createS3Client,
  EvidenceStore,
  EvidenceTooLargeError,
  IntegrityError,
  ObjectMissingError,
  ObjectStoreUnavailableError,
  UnsupportedContentError,
} from '@lyg/evidence';
import { freePort } from '@lyg/embedded';
import { createHash, randomUUID } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { exe, pdf } from '../libs/evidence/src/testing/samples';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function clientFor(endpoint: string): S3Client {
  return createS3Client({
    endpoint,
    bucket: 'unused',
    region: 'us-east-1',
    forcePathStyle: true,
    accessKey: process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER',
    secretKey: process.env.TEST_S3_SECRET_KEY ?? 'S3RVER',
  });
}

/** `total` bytes starting with a PDF header, generated 1 MiB at a time; the hash of what was generated. */
function generated(total: number, seed = 1): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + seed * 7) & 0xff;
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      let chunk = Buffer.from(block.subarray(0, Math.min(MiB, total - sent)));
      if (sent === 0) chunk = Buffer.concat([pdf(), chunk]).subarray(0, chunk.length);
      chunk.writeUInt32BE(sent / MiB, chunk.length - 4 >= 0 ? Math.min(chunk.length - 4, 512) : 0);
      hash.update(chunk);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('evidence store — S3 conformance', () => {
  const endpoint = process.env.TEST_S3_URL!;
  const bucket = `lyg-conformance-${randomUUID().slice(0, 8)}`;
  let s3: S3Client;
  let store: EvidenceStore;
  let locked = false;
  const key = () => `cases/${randomUUID()}/${randomUUID()}`;

  beforeAll(async () => {
    s3 = clientFor(endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
    store = new EvidenceStore(s3, { bucket, retention: { mode: 'GOVERNANCE', days: 1 } });
    locked = (await store.checkObjectLock()).objectLock;
  });
  afterAll(() => s3.destroy());

  it('reports whether the bucket has object lock (TEST_S3_OBJECT_LOCK=true: it must)', () => {
    expect(typeof locked).toBe('boolean');
    if (process.env.TEST_S3_OBJECT_LOCK === 'true') expect(locked).toBe(true);
    expect(store.lockStatus?.objectLock).toBe(locked);
  });

  it('stores a small file whole, with its hash, size and detected type, and reads it back', async () => {
    const k = key();
    const bytes = pdf('small');
    const stored = await store.put(k, Readable.from([bytes]), { maxBytes: MiB, inspector: createContentInspector() });
    expect(stored).toMatchObject({ key: k, sizeBytes: bytes.length, sha256: sha(bytes), contentType: 'application/pdf' });
    if (locked) {
      expect(stored.versionId).toBeTruthy();
      expect(stored.retainUntil).toBeInstanceOf(Date);
    }
    expect(await store.exists(k, stored.versionId)).toBe(true);
    const back = await readAll(await store.open(k, stored.versionId, stored));
    expect(back.equals(bytes)).toBe(true);
  });

  it('streams a 20 MiB file as a multipart upload and verifies it on the way back', async () => {
    const k = key();
    const src = generated(20 * MiB);
    const stored = await store.put(k, src.stream, { maxBytes: 100 * MiB, inspector: createContentInspector() });
    expect(stored.sizeBytes).toBe(20 * MiB);
    expect(stored.sha256).toBe(src.sha256());
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: k, VersionId: stored.versionId ?? undefined }));
    expect(head.ContentLength).toBe(20 * MiB);
    if (locked) expect(head.ObjectLockMode).toBe('GOVERNANCE');
    const back = createHash('sha256');
    for await (const c of await store.open(k, stored.versionId, stored)) back.update(c as Buffer);
    expect(back.digest('hex')).toBe(stored.sha256);
  });

  it('many concurrent multipart uploads share a small memory budget: they wait their turn, and all complete', async () => {
    const tight = new EvidenceStore(s3, { bucket, partSize: 5 * MiB, queueSize: 2, memoryBudgetBytes: 2 * 4 * 5 * MiB });
    const sources = Array.from({ length: 6 }, (_, i) => generated(12 * MiB, 10 + i));
    const stored = await Promise.all(sources.map((src) => tight.put(key(), src.stream, { maxBytes: 20 * MiB })));
    expect(stored.map((o) => o.sha256)).toEqual(sources.map((src) => src.sha256()));
    expect(tight.budgetStatus).toEqual({ freeBytes: 2 * 4 * 5 * MiB, waiting: 0 });
  });

  it('an upload that cannot get memory in time fails as unavailable, reading nothing', async () => {
    const tight = new EvidenceStore(s3, { bucket, partSize: 5 * MiB, queueSize: 1, memoryBudgetBytes: 15 * MiB, budgetWaitMs: 50 });
    const slow = new Readable({ read() {} }); // never ends: holds the whole budget
    slow.push(pdf('slow'));
    const first = tight.put(key(), slow, { maxBytes: 100 * MiB });
    const second = generated(MiB);
    await expect(tight.put(key(), second.stream, { maxBytes: 100 * MiB })).rejects.toThrow(/upload capacity exhausted/);
    expect(second.stream.destroyed).toBe(true);
    slow.destroy(new Error('client went away'));
    await expect(first).rejects.toThrow();
    expect(tight.budgetStatus.freeBytes).toBe(15 * MiB);
  });

  it('stops at the size limit, aborts the multipart upload and leaves no object', async () => {
    const k = key();
    await expect(store.put(k, generated(20 * MiB).stream, { maxBytes: 12 * MiB })).rejects.toBeInstanceOf(EvidenceTooLargeError);
    expect(await store.exists(k)).toBe(false);
  });

  it('refuses a disguised type at its first bytes and leaves no object', async () => {
    const k = key();
    await expect(store.put(k, Readable.from([exe(), Buffer.alloc(MiB)]), { maxBytes: 10 * MiB, inspector: createContentInspector() })).rejects.toBeInstanceOf(
      UnsupportedContentError,
    );
    expect(await store.exists(k)).toBe(false);
  });

  it('detects an object altered behind its back (hash mismatch), and serves the recorded version when versioned', async () => {
    const k = key();
    const bytes = Buffer.concat([pdf('original'), Buffer.alloc(200_000, 1)]);
    const stored = await store.put(k, Readable.from([bytes]), { maxBytes: MiB, inspector: createContentInspector() });
    const tampered = Buffer.from(bytes);
    tampered[150_000] ^= 0xff;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: k, Body: tampered }));
    // The latest object is the altered one: reading it fails, and the last chunk is never delivered.
    const latest = await store.open(k, null, stored);
    const received: Buffer[] = [];
    latest.on('data', (c: Buffer) => received.push(c));
    await expect(new Promise((resolve, reject) => latest.on('end', resolve).on('error', reject))).rejects.toBeInstanceOf(IntegrityError);
    expect(Buffer.concat(received).length).toBeLessThan(bytes.length);
    if (stored.versionId) {
      // With versioning the recorded version is untouched: that is what downloads read.
      expect((await readAll(await store.open(k, stored.versionId, stored))).equals(bytes)).toBe(true);
    }
  });

  it('detects a size mismatch before reading any byte', async () => {
    const k = key();
    const stored = await store.put(k, Readable.from([pdf('size')]), { maxBytes: MiB });
    await expect(store.open(k, stored.versionId, { ...stored, sizeBytes: stored.sizeBytes + 1 })).rejects.toBeInstanceOf(IntegrityError);
  });

  it('reports a missing object', async () => {
    await expect(store.open(key(), null, { sha256: sha(Buffer.from('x')), sizeBytes: 1 })).rejects.toBeInstanceOf(ObjectMissingError);
    expect(await store.exists(key())).toBe(false);
  });

  it('lists objects under a prefix in key order and removes one that never became evidence', async () => {
    const caseId = randomUUID();
    const keys = [randomUUID(), randomUUID(), randomUUID()].map((id) => `cases/${caseId}/${id}`);
    const stored = [];
    for (const k of keys) stored.push(await store.put(k, Readable.from([pdf(k)]), { maxBytes: MiB }));
    const listed = [];
    for await (const o of store.list(`cases/${caseId}/`)) listed.push(o.key);
    expect(listed).toEqual([...keys].sort());
    await store.remove(stored[0].key, stored[0].versionId);
    expect(await store.exists(stored[0].key)).toBe(false);
  });

  it('fails fast with ObjectStoreUnavailableError when the store is down, and consumes nothing more', async () => {
    const port = await freePort(); // nothing listens there
    const down = clientFor(`http://127.0.0.1:${port}`);
    const downStore = new EvidenceStore(down, { bucket });
    const src = generated(30 * MiB);
    const t0 = Date.now();
    await expect(downStore.put(key(), src.stream, { maxBytes: 100 * MiB })).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(src.stream.destroyed).toBe(true);
    await expect(downStore.open(key(), null, { sha256: 'x', sizeBytes: 1 })).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
    down.destroy();
  });

  /** A TCP relay to the store that can stop relaying: a store that hangs (or a cut without a reset), not one that refuses. */
  async function relay(): Promise<{ url: string; freeze(): void; close(): Promise<void> }> {
    const target = new URL(endpoint);
    let frozen = false;
    const sockets = new Set<Socket>();
    const server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const sock of [client, upstream]) {
        sockets.add(sock);
        sock.on('error', () => undefined);
      }
      client.on('data', (d) => void (frozen || upstream.write(d)));
      upstream.on('data', (d) => void (frozen || client.write(d)));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://127.0.0.1:${port}`,
      freeze: () => void (frozen = true),
      close: () => {
        for (const sock of sockets) sock.destroy();
        return new Promise<void>((r) => server.close(() => r()));
      },
    };
  }

  it('a store that stops answering is given up after the stall time: uploads and downloads fail as unavailable, not hang', async () => {
    const r = await relay();
    const hungClient = clientFor(r.url);
    const hung = new EvidenceStore(hungClient, { bucket, stallMs: 1000 });
    try {
      const kept = await hung.put(key(), Readable.from([pdf('before')]), { maxBytes: MiB });
      r.freeze();
      let t0 = Date.now();
      await expect(hung.put(key(), Readable.from([pdf('small')]), { maxBytes: MiB })).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
      expect(Date.now() - t0).toBeLessThan(5000);
      t0 = Date.now();
      await expect(hung.put(key(), generated(12 * MiB).stream, { maxBytes: 100 * MiB })).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
      expect(Date.now() - t0).toBeLessThan(5000);
      t0 = Date.now();
      await expect(hung.open(kept.key, kept.versionId, kept)).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      hungClient.destroy();
      await r.close();
    }
  });

  it('a slow client is not a stalled store: pauses longer than the stall time while the store waits for bytes are fine', async () => {
    const patient = new EvidenceStore(s3, { bucket, stallMs: 300 });
    const bytes = Buffer.concat([pdf('slow'), Buffer.alloc(64 * 1024, 0x20)]);
    async function* slowly() {
      yield bytes.subarray(0, 1024);
      await new Promise((r) => setTimeout(r, 1200));
      yield bytes.subarray(1024);
    }
    const stored = await patient.put(key(), Readable.from(slowly()), { maxBytes: MiB });
    expect(stored.sha256).toBe(sha(bytes));
  });
});
