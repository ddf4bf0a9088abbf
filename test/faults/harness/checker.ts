// After the faults: what the clients were told (the ledger) against what the system holds — the database (cases,
// audit entries, evidence rows, outbox, deadlines), the object store (an object with the recorded hash for every
// evidence row), the mail sink (a delivered mail for every outbox message, under its Message-ID) and the audit
// verification. Each check says what it looked at, so a report reads as evidence, not as a bare "ok".
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { readSinkMessages } from '../../../libs/embedded/src/smtp-sink';
import type { ApiClient, Ledger, LedgerEntry } from './client';
import { sleep } from './processes';
import { BUCKET, type FaultWorld } from './world';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export class CheckReport {
  readonly checks: Check[] = [];
  readonly figures: Record<string, unknown> = {};

  add(name: string, ok: boolean, detail: string): void {
    this.checks.push({ name, ok, detail });
  }

  failures(): string[] {
    return this.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
  }

  summary(): string {
    return this.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n');
  }
}

const is2xx = (e: LedgerEntry) => e.status >= 200 && e.status < 300;
/**
 * Outcomes the server itself may not know: no answer at all (the process died), or 503 because the database went
 * away under the request — possibly during its COMMIT, which may have gone through. Such a request may have been
 * applied once, never twice. Every other answer is definite.
 */
const isUnknown = (e: LedgerEntry) => e.status === 0 || e.status === 503;
const sample = (xs: unknown[], n = 5) => JSON.stringify(xs.slice(0, n));

/** Audit actions that record a command on the case row (each raised its version by one). Reads and shares do not. */
const READ_ACTIONS = /^(evidence_|transfer_package_)/;

/** Waits until the outbox has nothing pending (the worker delivered or gave up on everything). */
export async function settleOutbox(world: FaultWorld, timeoutMs: number): Promise<{ pending: number; waitedMs: number }> {
  const t0 = Date.now();
  for (;;) {
    const [{ n }] = await world.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_message WHERE status = 'pending'");
    if (n === 0 || Date.now() - t0 > timeoutMs) return { pending: n, waitedMs: Date.now() - t0 };
    await sleep(500);
  }
}

/** Waits until the files in the mail sink stop changing (a message delivered just now is on disk). */
async function settledSink(dir: string): Promise<ReturnType<typeof readSinkMessages>> {
  let last = -1;
  for (;;) {
    const msgs = readSinkMessages(dir);
    if (msgs.length === last) return msgs;
    last = msgs.length;
    await sleep(700);
  }
}

export function messageIdOf(raw: string): string | null {
  const m = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw);
  return m ? m[1]! : null;
}

export interface CheckOptions {
  client: ApiClient;
  /** A supervisor's token, for GET /audit/verify. */
  supervisorToken: string;
  /** API process to ask (index). */
  api?: number;
  /** The evidence rows and objects of the whole store are held against each other (default true). */
  allEvidence?: boolean;
}

export class Checker {
  private readonly s3: S3Client;

  constructor(
    private readonly world: FaultWorld,
    private readonly ledger: Ledger,
  ) {
    this.s3 = new S3Client({
      endpoint: world.s3Url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  }

  close(): void {
    this.s3.destroy();
  }

  async all(o: CheckOptions): Promise<CheckReport> {
    const r = new CheckReport();
    r.figures.requests = this.ledger.entries.length;
    r.figures.statuses = this.ledger.statusCounts();
    await this.creates(r);
    await this.uploads(r);
    await this.actions(r);
    await this.versions(r);
    await this.evidenceObjects(r, o.allEvidence !== false);
    await this.deadlines(r);
    await this.mail(r);
    await this.audit(r, o);
    // Every process the suite did not stop is still running: a crash the clients did not notice is a failure too.
    const crashes = this.world.unexpectedExits();
    r.add('no process ended on its own', crashes.length === 0, crashes.map((e) => `${e.name} exited (${e.signal ?? e.code}) at ${e.at}`).join('; '));
    return r;
  }

  /** Every creating POST answered 201 made exactly one case, the same one for every answer under its key. */
  async creates(r: CheckReport): Promise<void> {
    const byKey = groupBy(this.ledger.entries.filter((e) => e.op === 'create'), (e) => e.idempotencyKey!);
    const badKeys: string[] = [];
    const ids = new Set<string>();
    let unresolved = 0;
    for (const [key, es] of byKey) {
      const answered = new Set(es.filter(is2xx).map((e) => e.resultId!));
      if (answered.size > 1) badKeys.push(`${key} → ${[...answered].join(', ')}`);
      for (const id of answered) ids.add(id);
      if (!answered.size) unresolved++;
    }
    r.add('creates: one case per Idempotency-Key', badKeys.length === 0, badKeys.length ? `keys answered with different cases: ${sample(badKeys)}` : `${byKey.size} keys, ${ids.size} cases acknowledged`);
    const found = await this.world.query<{ id: string }>('SELECT id FROM ip_case WHERE id = ANY($1)', [[...ids]]);
    const missing = [...ids].filter((id) => !found.some((f) => f.id === id));
    r.add('creates: every acknowledged case exists', missing.length === 0, missing.length ? `missing: ${sample(missing)}` : `${found.length} of ${ids.size}`);
    // Cases nobody was told about: only a key that never got an answer could have made one.
    const keys = [...byKey.keys()];
    const made = await this.world.query<{ key: string; id: string }>(
      "SELECT key, body->>'id' AS id FROM idempotency_record WHERE key = ANY($1) AND scope = 'POST /complaints' AND status_code = 201",
      [keys],
    );
    const strays = made.filter((m) => !ids.has(m.id));
    r.add('creates: no case beyond the acknowledged ones', strays.length <= unresolved, `${strays.length} made without an acknowledgement, ${unresolved} keys never answered`);
    r.figures.cases = ids.size;
  }

  /** Every upload answered 201 is one evidence row with the client's bytes' hash and one audit entry; a 503 left none. */
  async uploads(r: CheckReport): Promise<void> {
    const ups = this.ledger.entries.filter((e) => e.op === 'upload');
    if (!ups.length) return;
    const byKey = groupBy(ups, (e) => e.idempotencyKey!);
    const problems: string[] = [];
    const acknowledged = new Map<string, LedgerEntry>();
    let unresolved = 0;
    for (const [key, es] of byKey) {
      const answered = new Set(es.filter(is2xx).map((e) => e.resultId!));
      if (answered.size > 1) problems.push(`key ${key} answered with ${[...answered].join(', ')}`);
      if (!answered.size) unresolved++;
      const first = es.find(is2xx);
      if (first) acknowledged.set(first.resultId!, first);
    }
    const caseIds = [...new Set(ups.map((e) => e.caseId!))];
    const rows = await this.world.query<{ id: string; case_id: string; sha256: string }>('SELECT id, case_id, sha256 FROM evidence WHERE case_id = ANY($1)', [caseIds]);
    for (const [id, e] of acknowledged) {
      const row = rows.find((x) => x.id === id);
      if (!row) problems.push(`evidence ${id} acknowledged (request ${e.requestId}) but not stored`);
      else if (row.sha256 !== e.sha256) problems.push(`evidence ${id} stored with sha256 ${row.sha256}, client sent ${e.sha256}`);
    }
    const strays = rows.filter((x) => !acknowledged.has(x.id));
    if (strays.length > unresolved) problems.push(`${strays.length} evidence rows nobody was told about (${unresolved} keys never answered): ${sample(strays.map((s) => s.id))}`);
    const audits = await this.world.query<{ evidence_id: string; n: number }>(
      "SELECT details::jsonb->>'evidenceId' AS evidence_id, count(*)::int AS n FROM audit_entry WHERE action = 'evidence_added' AND case_id = ANY($1) GROUP BY 1",
      [caseIds],
    );
    for (const row of rows) {
      const n = audits.find((a) => a.evidence_id === row.id)?.n ?? 0;
      if (n !== 1) problems.push(`evidence ${row.id} has ${n} evidence_added audit entries`);
    }
    // A refused upload (4xx, or 503 when the store refused) left no row: its request id is on no audit entry. A
    // 503 for a database lost under the request may have been committed (its retry then replays it).
    const refused = ups.filter((e) => e.status >= 400 && !isUnknown(e)).map((e) => e.requestId);
    const leaked = await this.world.query<{ request_id: string }>('SELECT request_id FROM audit_entry WHERE request_id = ANY($1)', [refused]);
    if (leaked.length) problems.push(`refused uploads that were recorded anyway: ${sample(leaked.map((l) => l.request_id))}`);
    const unknown = ups.filter((e) => e.status === 503).map((e) => e.requestId);
    const appliedAnyway = await this.world.query<{ request_id: string }>('SELECT request_id FROM audit_entry WHERE request_id = ANY($1)', [unknown]);
    r.add('uploads: acknowledged exactly once, refused never', problems.length === 0,
      problems.length ? sample(problems, 8) : `${acknowledged.size} acknowledged, ${rows.length} rows, ${refused.length} refused answers left nothing, ${appliedAnyway.length} of ${unknown.length} answered 503 had been committed`);
    r.figures.evidence = rows.length;
  }

  /** Every action answered 2xx has exactly one audit entry (its request id), refused ones none, unanswered ones at most one. */
  async actions(r: CheckReport): Promise<void> {
    const acts = this.ledger.entries.filter((e) => e.op === 'action' || e.op === 'claim');
    if (!acts.length) return;
    const rows = await this.world.query<{ request_id: string; case_id: string; action: string; n: number }>(
      'SELECT request_id, case_id, action, count(*)::int AS n FROM audit_entry WHERE request_id = ANY($1) GROUP BY 1, 2, 3',
      [acts.map((e) => e.requestId)],
    );
    const byRequest = new Map(rows.map((x) => [x.request_id, x]));
    const problems: string[] = [];
    let unknownApplied = 0;
    let unknownNot = 0;
    for (const e of acts) {
      const row = byRequest.get(e.requestId);
      const n = row?.n ?? 0;
      if (is2xx(e)) {
        // A claim of a case already one's own answers 200 without a new entry (nothing changed).
        if (e.op === 'claim' && n === 0) continue;
        if (n !== 1) problems.push(`${e.action} ${e.caseId} answered ${e.status} has ${n} audit entries (request ${e.requestId})`);
        else if (row!.case_id !== e.caseId || row!.action !== e.action) problems.push(`request ${e.requestId} audited as ${row!.action} on ${row!.case_id}`);
      } else if (isUnknown(e)) {
        if (n > 1) problems.push(`${e.action} ${e.caseId} answered ${e.status || 'nothing'} has ${n} audit entries`);
        if (n === 1) unknownApplied++;
        else unknownNot++;
      } else if (n !== 0) {
        problems.push(`${e.action} ${e.caseId} answered ${e.status} but audited ${n}× (request ${e.requestId})`);
      }
    }
    r.add('actions: 2xx exactly once with its audit entry, refused never', problems.length === 0,
      problems.length ? sample(problems, 8) : `${acts.filter(is2xx).length} acknowledged, ${acts.filter((e) => e.status >= 400 && !isUnknown(e)).length} refused, ${unknownApplied + unknownNot} unanswered or 503 (${unknownApplied} had been applied)`);
    r.figures.actionsAcknowledged = acts.filter(is2xx).length;
    r.figures.actionsUnanswered = { applied: unknownApplied, notApplied: unknownNot };
  }

  /**
   * No lost update: each case's version is one more than its commands on record (the draft starts at 1; every
   * workflow action, deadline firing and queue assignment adds one audit entry and one version), and no two
   * acknowledged answers gave a case the same version.
   */
  async versions(r: CheckReport): Promise<void> {
    const ids = [...new Set(this.ledger.entries.filter((e) => e.caseId || (e.op === 'create' && e.resultId)).map((e) => (e.caseId ?? e.resultId)!))];
    if (!ids.length) return;
    const rows = await this.world.query<{ id: string; version: number; commands: number }>(
      `SELECT c.id, c.version, (SELECT count(*)::int FROM audit_entry a WHERE a.case_id = c.id AND a.action !~ $2) AS commands
         FROM ip_case c WHERE c.id = ANY($1)`,
      [ids, READ_ACTIONS.source],
    );
    const off = rows.filter((x) => x.version !== 1 + x.commands);
    const seen = new Map<string, string>();
    const dup: string[] = [];
    for (const e of this.ledger.entries.filter((x) => (x.op === 'action' || x.op === 'claim') && is2xx(x) && x.version !== undefined)) {
      const k = `${e.caseId}@${e.version}`;
      const prior = seen.get(k);
      if (prior && !(e.op === 'claim')) dup.push(`${k}: ${prior} and ${e.requestId}`);
      seen.set(k, e.requestId);
    }
    r.add('versions: version = 1 + commands on record; no version acknowledged twice', off.length === 0 && dup.length === 0,
      off.length || dup.length ? `${sample(off.map((o) => `${o.id} v${o.version} with ${o.commands} commands`))} ${sample(dup)}` : `${rows.length} cases consistent`);
  }

  /** No evidence row without its object: every row's object is in the store with the recorded size and hash. */
  async evidenceObjects(r: CheckReport, all: boolean): Promise<void> {
    const caseIds = [...new Set(this.ledger.entries.filter((e) => e.op === 'upload').map((e) => e.caseId!))];
    const rows = await this.world.query<{ id: string; object_key: string; sha256: string; size_bytes: string }>(
      all ? 'SELECT id, object_key, sha256, size_bytes FROM evidence' : 'SELECT id, object_key, sha256, size_bytes FROM evidence WHERE case_id = ANY($1)',
      all ? [] : [caseIds],
    );
    const problems: string[] = [];
    for (const row of rows) {
      try {
        const got = await this.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: row.object_key }));
        const h = createHash('sha256');
        let size = 0;
        for await (const chunk of got.Body as Readable) {
          h.update(chunk as Buffer);
          size += (chunk as Buffer).length;
        }
        const sha = h.digest('hex');
        if (sha !== row.sha256 || size !== Number(row.size_bytes)) problems.push(`${row.id}: object has ${size} bytes sha256 ${sha}, row says ${row.size_bytes} / ${row.sha256}`);
      } catch (e) {
        problems.push(`${row.id}: object ${row.object_key} unreadable (${(e as Error).name})`);
      }
    }
    r.add('evidence: every row has its object (size and SHA-256 as recorded)', problems.length === 0, problems.length ? sample(problems) : `${rows.length} rows, ${rows.length} objects verified`);
  }

  /** No deadline fired twice: per case and stage, no more expiry entries than fired rows. */
  async deadlines(r: CheckReport): Promise<void> {
    const rows = await this.world.query<{ case_id: string; stage: string; fired: number; audited: number }>(
      `SELECT k.case_id, k.stage,
              (SELECT count(*)::int FROM case_deadline d WHERE d.case_id = k.case_id AND d.stage = k.stage AND d.fired_at IS NOT NULL) AS fired,
              k.audited
         FROM (SELECT case_id, details::jsonb->>'stage' AS stage, count(*)::int AS audited FROM audit_entry
                WHERE action = 'deadline.expired' GROUP BY 1, 2) k`,
    );
    const twice = rows.filter((x) => x.audited > x.fired);
    r.add('deadlines: none fired twice', twice.length === 0, twice.length ? sample(twice) : `${rows.reduce((s, x) => s + x.audited, 0)} firings on record, each with its fired row`);
    r.figures.deadlineFirings = rows.reduce((s, x) => s + x.audited, 0);
  }

  /**
   * Mail: every outbox message was delivered (none pending or dead), every delivered mail is an outbox message
   * (by Message-ID), and a message delivered more than once came again under its own Message-ID.
   */
  async mail(r: CheckReport): Promise<void> {
    const rows = await this.world.query<{ id: string; message_id: string; status: string; attempts: number }>('SELECT id, message_id, status, attempts FROM outbox_message');
    const msgs = await settledSink(this.world.mailDir);
    const delivered = new Map<string, number>();
    const noId: string[] = [];
    for (const m of msgs) {
      const id = messageIdOf(m.raw);
      if (!id) noId.push(m.file);
      else delivered.set(id, (delivered.get(id) ?? 0) + 1);
    }
    const byMessageId = new Map(rows.map((x) => [x.message_id, x]));
    const notSent = rows.filter((x) => x.status !== 'sent');
    const lost = rows.filter((x) => !delivered.has(x.message_id));
    const foreign = [...delivered.keys()].filter((id) => !byMessageId.has(id));
    const dupRows = rows.length - byMessageId.size;
    const duplicates = [...delivered.values()].filter((n) => n > 1).reduce((s, n) => s + n - 1, 0);
    r.add('mail: every outbox message delivered, none lost', notSent.length === 0 && lost.length === 0,
      notSent.length || lost.length ? `not sent: ${sample(notSent)}; not in the sink: ${sample(lost.map((l) => l.message_id))}` : `${rows.length} messages, all delivered`);
    r.add('mail: every delivered mail is an outbox message; duplicates only under the same Message-ID', foreign.length === 0 && noId.length === 0 && dupRows === 0,
      foreign.length || noId.length || dupRows ? `unknown Message-IDs ${sample(foreign)}, without one ${sample(noId)}, outbox rows sharing one ${dupRows}` : `${msgs.length} mails, ${delivered.size} Message-IDs, ${duplicates} repeated deliveries`);
    r.figures.mails = { outbox: rows.length, delivered: msgs.length, repeatedDeliveries: duplicates, retried: rows.filter((x) => x.attempts > 1).length };
  }

  /** The audit chain verifies (recomputed and held against the signed checkpoints) and covers every entry. */
  async audit(r: CheckReport, o: CheckOptions): Promise<void> {
    const a = await o.client.call(o.api ?? 0, 'GET', '/audit/verify', { op: 'get', token: o.supervisorToken, timeoutMs: 120_000 });
    const [{ n }] = await this.world.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry');
    const v = a.json as { valid?: boolean; checkedEntries?: number; firstBadSeq?: string | null; lastCheckpoint?: unknown } | null;
    r.add('audit: the chain verifies and covers every entry', a.status === 200 && v?.valid === true && v.checkedEntries === n,
      `GET /audit/verify → ${a.status} valid=${v?.valid} checkedEntries=${v?.checkedEntries} of ${n}${v?.firstBadSeq ? ` firstBadSeq=${v.firstBadSeq}` : ''}${v?.lastCheckpoint ? ' (checkpoint held)' : ''}`);
    r.figures.auditEntries = n;
  }
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
