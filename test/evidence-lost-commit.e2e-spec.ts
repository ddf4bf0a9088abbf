// An upload whose database connection is lost at COMMIT (R1, R3: "no evidence row without its object"; retries are
// normal). The API reaches PostgreSQL through a TCP relay that, once armed, cuts the connection carrying the next
// COMMIT: either after PostgreSQL has answered it (committed, the answer lost on the way back) or before
// PostgreSQL has read it (never committed). In both cases the client is told to retry, the stored object stays, and
// a retry with the same Idempotency-Key ends with exactly one row whose object is whole.
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import net from 'node:net';
import { EvidenceReconciler } from '../apps/api/src/evidence/evidence.reconciler';
import { multipart } from '../libs/evidence/src/testing/http';
import { pdf } from '../libs/evidence/src/testing/samples';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestUser, testS3Client } from './support/test-app';

type Cut = 'after_answer' | 'before_commit';

/** A relay to PostgreSQL that can cut the connection carrying the next COMMIT, on one side of it or the other. */
class CommitCutter {
  private server!: net.Server;
  private armed: { cut: Cut; done: () => void } | null = null;
  readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      let cutting: Cut | null = null;
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('data', (chunk: Buffer) => {
        if (this.armed && chunk.includes('COMMIT')) {
          const { cut: how, done } = this.armed;
          this.armed = null;
          cutting = how;
          done();
          if (how === 'before_commit') return cut();
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        // PostgreSQL answers a COMMIT only once it is durable: dropping that answer leaves a committed transaction
        // the API never heard about.
        if (cutting === 'after_answer') return cut();
        client.write(chunk);
      });
      for (const s of [client, upstream]) {
        s.on('error', () => cut());
        s.on('close', () => {
          this.sockets.delete(s);
          cut();
        });
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Resolves when the next COMMIT has been cut. */
  arm(cut: Cut): Promise<void> {
    return new Promise((done) => (this.armed = { cut, done }));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('evidence upload when the database connection is lost at COMMIT', () => {
  let t: TestApp;
  let relay: CommitCutter;
  let s3: S3Client;
  let filer: TestUser;
  let uscc: string;

  beforeAll(async () => {
    const db = new URL(process.env.TEST_DB_URL!);
    relay = new CommitCutter({ host: db.hostname, port: Number(db.port || 5432) });
    await relay.start();
    const viaRelay = new URL(db);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    t = await startTestApp({ DATABASE_URL: viaRelay.toString() });
    s3 = testS3Client();
    uscc = randomUscc();
    const org = await createOrg(t.ds, 'enterprise', { uscc });
    filer = await createUser(t, 'enterprise', org.id);
  });
  afterAll(async () => {
    await t.close();
    await relay.stop();
    s3.destroy();
  });

  async function draft(): Promise<string> {
    const c = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${filer.token}`).send(exampleComplaint({ uscc }));
    expect(c.status).toBe(201);
    return c.body.id as string;
  }

  function upload(caseId: string, key: string, data: Buffer) {
    const { body, contentType } = multipart([
      { name: 'kind', value: 'purchase_record' },
      { name: 'file', filename: '公证购买.pdf', data },
    ]);
    return t
      .http()
      .post(`/api/v1/complaints/${caseId}/evidence`)
      .set('authorization', `Bearer ${filer.token}`)
      .set('idempotency-key', key)
      .set('content-type', contentType)
      .send(body);
  }

  /** A draft's upload with the relay cutting its COMMIT: the client is told to retry (503). */
  async function uploadCutAt(how: Cut): Promise<{ caseId: string; key: string; data: Buffer }> {
    const caseId = await draft();
    const data = pdf(randomUUID());
    const key = randomUUID();
    const cut = relay.arm(how);
    const first = await upload(caseId, key, data);
    await cut;
    expect(first.status).toBe(503);
    return { caseId, key, data };
  }

  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  async function rowsOf(caseId: string): Promise<{ id: string; object_key: string; sha256: string; version_id: string | null }[]> {
    return t.ds.query('SELECT id, object_key, sha256, version_id FROM evidence WHERE case_id = $1', [caseId]);
  }

  async function objectBytes(key: string): Promise<Buffer> {
    const o = await s3.send(new GetObjectCommand({ Bucket: 'evidence', Key: key }));
    return Buffer.from(await o.Body!.transformToByteArray());
  }

  it('committed but the answer lost: 503, then the retry replays the one row, whose object was kept', async () => {
    const { caseId, key, data } = await uploadCutAt('after_answer');

    // The transaction committed although the API could not hear it: one row, its audit entry, and its object.
    const rows = await rowsOf(caseId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.sha256).toBe(sha256(data));
    expect(sha256(await objectBytes(row.object_key))).toBe(sha256(data));
    const audits: { n: string }[] = await t.ds.query(`SELECT count(*) AS n FROM audit_entry WHERE case_id = $1 AND action = 'evidence_added'`, [caseId]);
    expect(Number(audits[0].n)).toBe(1);

    const retry = await upload(caseId, key, data);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(row.id);
    expect(retry.body.sha256).toBe(sha256(data));
    expect(await rowsOf(caseId)).toHaveLength(1);

    const content = await t.http().get(`/api/v1/evidence/${row.id}/content`).set('authorization', `Bearer ${filer.token}`).buffer(true).parse((res, cb) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(content.status).toBe(200);
    expect(sha256(content.body as Buffer)).toBe(sha256(data));

    const report = await t.app.get(EvidenceReconciler).findStragglers({ graceSeconds: 0 });
    expect(report.orphanObjects.map((o) => o.key)).not.toContain(row.object_key);
    expect(report.missingObjects.map((m) => m.evidenceId)).not.toContain(row.id);
  });

  it('lost before PostgreSQL read the COMMIT: 503, no row, the kept object reported as a straggler, and the retry stores it once', async () => {
    const { caseId, key, data } = await uploadCutAt('before_commit');
    expect(await rowsOf(caseId)).toHaveLength(0);

    // The API cannot tell this loss from the one above, so it kept the object; the reconciler names it.
    const report = await t.app.get(EvidenceReconciler).findStragglers({ graceSeconds: 0 });
    const stray = report.orphanObjects.map((o) => o.key).filter((k) => k.startsWith(`cases/${caseId}/`));
    expect(stray).toHaveLength(1);
    expect(sha256(await objectBytes(stray[0]))).toBe(sha256(data));

    const retry = await upload(caseId, key, data);
    expect(retry.status).toBe(201);
    const rows = await rowsOf(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(retry.body.id);
    expect(rows[0].object_key).not.toBe(stray[0]);
    await s3.send(new HeadObjectCommand({ Bucket: 'evidence', Key: rows[0].object_key }));
    expect(sha256(await objectBytes(rows[0].object_key))).toBe(sha256(data));
  });
});
