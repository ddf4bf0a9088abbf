import { AuditService, generateSigningKeyPem, keyIdOf, parsePrivateKey, publicKeyBase64 } from '@lyg/audit';
import { type CaseState, FLAG_LABELS, type Flag, PRINCIPLE_LABELS, STATE_LABELS, type TrustedKey, verifyTransferPackage } from '@lyg/domain';
import { renderTransferPackagePdf, type TransferPackageDocument, type TransferPackageProof } from '@lyg/workflow';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Response } from 'supertest';
import { transferVerifyCommand } from '../apps/api/src/transfers/transfer-verify';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, startTestApp, testConfig, type TestApp, type TestUser } from './support/test-app';
import { actor, agencyOrg, cast, type Cast, uniqueRespondent } from './support/workflow';

// ---------------------------------------------------------------------------------------------------------------
// The independent verifier: what a receiving agency would run, written from the package's own description and
// libs/audit's definition (hash = sha256(prevHash + canonical JSON of the entry without its hash)), without
// importing any of the project's code.
// ---------------------------------------------------------------------------------------------------------------

/** Canonical JSON: keys sorted, no whitespace, undefined members dropped, values as JSON.stringify writes them. */
function canon(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** RFC 9162 section 2.1.3.2, from the RFC's text: is `entryHash` leaf `index` of the tree of `size` with this root? */
function rfc9162Includes(index: number, size: number, entryHash: string, path: string[], rootHex: string): boolean {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = h(Buffer.from([0]), Buffer.from(entryHash, 'hex'));
  for (const hex of path) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = h(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = h(Buffer.from([1]), r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === rootHex;
}

interface Entry {
  seq: string;
  hash: string;
  prevHash: string;
  caseId: string;
  [k: string]: unknown;
}
interface Checkpoint {
  type: string;
  version: number;
  seq: string;
  hash: string;
  merkleRoot?: string;
  time: string;
  keyId: string;
  publicKey: string;
  signature: string;
}
interface PackageDoc {
  packageId: string;
  case: { id: string; caseNumber: string };
  recipient: { agency: string; organizationId: string };
  evidence: { id: string; kind: string; fileName: string; sizeBytes: number; sha256: string; versionId: string | null }[];
  decisions: { action: string; details?: Record<string, unknown> }[];
  transfer: { action: string; at: string; actorRole: string; fromState: string; toState: string };
  triage: { reasons: { ruleId: string; legalBasis: string | null }[] } | null;
  complaint: { complainant: { name: string }; respondent: { name: string }; ipRights: unknown[]; infringement: { conducts: string[] } };
  audit: { genesisHash: string; entries: Entry[]; checkpoint: Checkpoint | null };
}

/** Checks a downloaded package: its digest, every audit entry's hash, the links between entries, the checkpoint. */
function verifyPackage(body: { sha256: string; document: PackageDoc }, trustedPublicKeyDer: Buffer | null): { links: number; checkpointChecked: boolean } {
  const doc = body.document;
  expect(sha256(canon(doc))).toBe(body.sha256);
  let links = 0;
  let previous: Entry | null = null;
  for (const e of doc.audit.entries) {
    const { hash, ...content } = e;
    if ('withheld' in e) {
      // About evidence the receiver does not have: position and hashes only, nothing of its content.
      expect(Object.keys(e).sort()).toEqual(['action', 'at', 'caseId', 'hash', 'prevHash', 'seq', 'withheld']);
      expect(e.withheld).toBe('evidence_not_shared');
    } else expect({ seq: e.seq, hash: sha256(e.prevHash + canon(content)) }).toEqual({ seq: e.seq, hash });
    expect(e.caseId).toBe(doc.case.id);
    if (e.seq === '1') expect(e.prevHash).toBe(doc.audit.genesisHash);
    if (previous) {
      expect(BigInt(e.seq)).toBeGreaterThan(BigInt(previous.seq));
      if (BigInt(e.seq) === BigInt(previous.seq) + 1n) {
        expect(e.prevHash).toBe(previous.hash);
        links++;
      }
    }
    previous = e;
  }
  const cp = doc.audit.checkpoint;
  if (!cp) return { links, checkpointChecked: false };
  const der = Buffer.from(cp.publicKey, 'base64');
  expect(cp.keyId).toBe(`ed25519:${sha256(der)}`);
  if (trustedPublicKeyDer) expect(der.equals(trustedPublicKeyDer)).toBe(true);
  expect(cp.version).toBe(2);
  expect(cp.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
  const signed = Buffer.from(canon({ type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, merkleRoot: cp.merkleRoot, time: cp.time, keyId: cp.keyId }), 'utf8');
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  expect(verifySignature(null, signed, key, Buffer.from(cp.signature, 'base64'))).toBe(true);
  const same = doc.audit.entries.find((e) => e.seq === cp.seq);
  if (same) expect(same.hash).toBe(cp.hash);
  return { links, checkpointChecked: true };
}

/** A PDF's content streams, inflated where they are compressed, in file order. */
function contentStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      streams.push(pdf.subarray(start, end).toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return streams;
}

/** The text a PDF shows (its content streams' strings, in order, run together), for what it must and must not say. */
function pdfShownText(pdf: Buffer): string {
  return contentStreams(pdf)
    .flatMap((content) => [...content.matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')))
    .join('');
}

/** Pages of a PDF and, per page content stream, whether it shows `text` in the fixed-pitch face (hex-encoded). */
function pdfPagesShowing(pdf: Buffer, text: string): { pages: number; showing: number } {
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const hex = Buffer.from(text, 'latin1').toString('hex');
  return { pages, showing: contentStreams(pdf).filter((content) => content.toLowerCase().includes(hex)).length };
}

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('transfer packages to police, customs and court', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let worker: INestApplicationContext;
  let signingKey: string;
  let otherPolice: TestUser;
  let procurator: TestUser;
  const orgs: Record<'police' | 'court' | 'customs', string> = { police: '', court: '', customs: '' };
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
  const pkg = (u: TestUser, id: string) => t.http().get(`/api/v1/cases/${id}/transfer-package`).set(auth(u));
  const pkgPdf = (u: TestUser, id: string) => t.http().get(`/api/v1/cases/${id}/transfer-package.pdf`).set(auth(u)).buffer(true).parse(binary);

  /** A draft with three evidence files (distinct bytes), submitted; returns its id and the files. */
  const filed = async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    expect(d.status).toBe(201);
    const files: { id: string; bytes: Buffer }[] = [];
    for (const [i, kind] of (['notarial_certificate', 'purchase_record', 'right_certificate'] as const).entries()) {
      const bytes = Buffer.concat([Buffer.from(`%PDF-1.4\n% evidence ${i} ${Math.random()}\n`), Buffer.alloc(2000 + i * 517, i + 1), Buffer.from('\n%%EOF\n')]);
      const up = await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(auth(c.enterprise)).field('kind', kind).attach('file', bytes, `证据-${i}.pdf`);
      expect(up.status).toBe(201);
      files.push({ id: up.body.id, bytes });
    }
    const s = await w.act(c.enterprise, d.body.id, 'submit');
    expect(s.status).toBe(200);
    return { id: d.body.id as string, caseNumber: s.body.caseNumber as string, files };
  };
  const share = async (evidenceId: string, organizationIds: string[]) =>
    expect((await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(auth(c.examiner)).send({ organizationIds })).status).toBe(200);
  const accept = async (id: string, route: string) => expect((await w.act(c.examiner, id, 'accept', { route, overrideReason: '证据材料已线下核验' })).status).toBe(200);
  const download = async (u: TestUser, evidenceId: string) => t.http().get(`/api/v1/evidence/${evidenceId}/content`).set(auth(u)).buffer(true).parse(binary);
  const auditOf = async (caseId: string, action: string) =>
    (await t.ds.query('SELECT actor_id, actor_role, details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = $2 ORDER BY seq', [caseId, action])) as {
      actor_id: string;
      actor_role: string;
      details: Record<string, unknown>;
    }[];

  /** Everything an agency checks on receipt: the package, its evidence bytes, the PDF. */
  const receive = async (u: TestUser, caseId: string, expected: { id: string; bytes: Buffer }[], agency: string, transferAction = 'accept') => {
    const res = await pkg(u, caseId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId, agency, organizationId: u.organizationId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const doc = res.body.document as PackageDoc;
    expect(doc.recipient).toMatchObject({ agency, organizationId: u.organizationId });
    // The manifest lists exactly the evidence shared with this agency, and each entry matches the bytes it downloads.
    expect(doc.evidence.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const item of doc.evidence) {
      const dl = await download(u, item.id);
      expect(dl.status).toBe(200);
      const bytes = dl.body as Buffer;
      expect({ id: item.id, sha256: sha256(bytes), size: bytes.length }).toEqual({ id: item.id, sha256: item.sha256, size: item.sizeBytes });
      expect(bytes.equals(expected.find((e) => e.id === item.id)!.bytes)).toBe(true);
    }
    // The summary: parties, rights, conduct, triage reasons with their legal basis, the decisions so far.
    expect(doc.case.caseNumber).toMatch(/^LYG-IP-\d{4}-\d{6}$/);
    expect(doc.complaint.complainant.name).toBe('连云港康恒医药有限公司');
    expect(doc.complaint.ipRights.length).toBeGreaterThan(0);
    expect(doc.complaint.infringement.conducts).toEqual(['sale']);
    expect(doc.triage?.reasons.length).toBeGreaterThan(0);
    expect(doc.decisions.map((d) => d.action)).toContain('submit');
    // The submission's entry carries the triage verdict (one audit entry per command).
    expect(doc.decisions.find((d) => d.action === 'submit')?.details).toMatchObject({ triage: { recommendedRoute: expect.any(String) } });
    // The decision that makes the package is described in it (its audit entry follows in the same transaction).
    expect(doc.transfer).toMatchObject({ action: transferAction, actorRole: expect.any(String), toState: expect.any(String) });
    const verdict = verifyPackage(res.body, createPublicKey(parsePrivateKey(signingKey)).export({ format: 'der', type: 'spki' }) as Buffer);
    expect(verdict.links).toBeGreaterThan(0); // submit and triage are appended together: consecutive in the chain

    // The printable PDF: stored, integrity-checked on the way out, the case number and digest on every page.
    const pdf = await pkgPdf(u, caseId);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pdfBytes = pdf.body as Buffer;
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(pdfBytes).digest('base64')}:`);
    expect(pdf.headers['x-package-sha256']).toBe(res.body.sha256);
    const { pages, showing } = pdfPagesShowing(pdfBytes, `${doc.case.caseNumber}  SHA-256 ${res.body.sha256}`);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(showing).toBe(pages);
    const [row] = await t.ds.query('SELECT pdf_object_key, pdf_sha256, pdf_layout FROM transfer_package WHERE id = $1', [res.body.id]);
    expect(row).toMatchObject({ pdf_object_key: `transfers/${caseId}/${res.body.id}.pdf`, pdf_sha256: sha256(pdfBytes) });
    expect(['cjk', 'ascii']).toContain(row.pdf_layout);
    // It speaks to people: states, flags, routes and principles by their names, never by their codes (checked on the
    // English layout, whose text can be read back from the PDF).
    const full = doc as unknown as TransferPackageDocument;
    const shown = pdfShownText((await renderTransferPackagePdf(full, res.body.sha256, null)).pdf);
    expect(shown).toContain(STATE_LABELS[full.case.state as CaseState].en);
    // (The English layout writes the arrow as "->": its standard fonts have no "→".)
    expect(shown).toContain(`Draft -> ${STATE_LABELS.screening.en}`);
    const flagsLine = /Flags: (.*?)Verification digest/.exec(shown)?.[1];
    expect(flagsLine).toBe((full.case.flags as Flag[]).map((f) => FLAG_LABELS[f].en).join(', ') || '-');
    expect(shown).not.toMatch(/\b(draft|screening|police_transfer_review|overrideReason|nextRoute)\b/);
    expect(shown).toContain(PRINCIPLE_LABELS.fast.en);

    // The first reading and every PDF download are on record; reading the package again (the case page does at
    // every visit) adds nothing.
    expect((await pkg(u, caseId)).status).toBe(200);
    expect((await pkgPdf(u, caseId)).status).toBe(200);
    const downloads = await auditOf(caseId, 'transfer_package_downloaded');
    expect(downloads.filter((d) => d.actor_id === u.id).map((d) => d.details.format)).toEqual(['json', 'pdf', 'pdf']);
    return res.body as { id: string; sha256: string; document: PackageDoc };
  };

  beforeAll(async () => {
    signingKey = generateSigningKeyPem();
    t = await startTestApp({ AUDIT_SIGNING_KEY: signingKey });
    c = await cast(t);
    w = actor(t);
    for (const kind of ['police', 'court', 'customs'] as const) orgs[kind] = await agencyOrg(t, kind);
    otherPolice = await createUser(t, 'police', (await createOrg(t.ds, 'police')).id);
    procurator = await createUser(t, 'procuratorate', (await createOrg(t.ds, 'procuratorate')).id);
    worker = await NestFactory.createApplicationContext(WorkerModule.register(testConfig({ AUDIT_SIGNING_KEY: signingKey, WORKER_POLL_MS: '0' })), { logger: false });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('police: the package is made when the supervisor approves, for the police only, verifiable end to end', async () => {
    const f = await filed();
    await accept(f.id, 'police_transfer_review');
    await share(f.files[0].id, [orgs.police]);
    await share(f.files[1].id, [orgs.police, orgs.court]);
    await share(f.files[2].id, [orgs.court]);
    // Nothing is made before the approval, and the police do not see the case yet.
    expect((await t.ds.query('SELECT id FROM transfer_package WHERE case_id = $1', [f.id])).length).toBe(0);
    expect((await pkg(c.police, f.id)).status).toBe(404);
    expect((await pkg(c.supervisor, f.id)).status).toBe(404);
    // A signed checkpoint over the chain so far: the package carries the latest one.
    const outcome = await worker.get(AuditService).checkpoint();
    expect(['created', 'unchanged']).toContain(outcome.status);

    const approved = await w.act(c.supervisor, f.id, 'approve_transfer');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('police_transfer_review.awaiting_police_decision');
    const body = await receive(c.police, f.id, [f.files[0], f.files[1]], 'police', 'approve_transfer');
    expect(body.document.decisions.map((d) => d.action)).toEqual(expect.arrayContaining(['accept']));
    expect(body.document.audit.checkpoint).not.toBeNull();
    expect(BigInt(body.document.audit.checkpoint!.seq)).toBeGreaterThanOrEqual(BigInt(body.document.audit.entries.at(-1)!.seq));

    // The center's full chain links every entry of the package up to the signed checkpoint hash.
    const cp = body.document.audit.checkpoint!;
    const rows: Entry[] = await t.ds.query(
      `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, case_id AS "caseId", actor_id AS "actorId",
              actor_role AS "actorRole", organization_id AS "organizationId", action, from_state AS "fromState", to_state AS "toState",
              payload_digest AS "payloadDigest", details::jsonb AS details, request_id AS "requestId", principles, prev_hash AS "prevHash", hash
         FROM audit_entry WHERE seq BETWEEN $1 AND $2 ORDER BY audit_entry.seq`,
      [body.document.audit.entries[0].seq, cp.seq],
    );
    let prev = rows[0].prevHash;
    for (const r of rows) {
      const { hash, ...content } = r;
      expect(r.prevHash).toBe(prev);
      expect(sha256(r.prevHash + canon(content))).toBe(hash);
      prev = hash;
    }
    expect(prev).toBe(cp.hash);
    for (const e of body.document.audit.entries) expect(rows.find((r) => r.seq === e.seq)?.hash).toBe(e.hash);

    // The evidence not shared with the police: its entries are there, without content; its digest, size and storage
    // key appear nowhere in the package.
    const [unshared] = await t.ds.query('SELECT sha256, object_key, size_bytes::text AS size FROM evidence WHERE id = $1', [f.files[2].id]);
    const text = JSON.stringify(body);
    expect(text).not.toContain(unshared.sha256);
    expect(text).not.toContain(unshared.object_key);
    const withheld = body.document.audit.entries.filter((e) => 'withheld' in e);
    const aboutUnshared: { seq: string }[] = await t.ds.query("SELECT seq::text AS seq FROM audit_entry WHERE case_id = $1 AND details::jsonb->>'evidenceId' = $2 AND seq <= $3", [f.id, f.files[2].id, body.document.audit.entries.at(-1)!.seq]);
    expect(aboutUnshared.length).toBeGreaterThanOrEqual(2);
    expect(withheld.map((e) => e.seq).sort()).toEqual(aboutUnshared.map((r) => r.seq).sort());
    const sharedEntry = body.document.audit.entries.find((e) => !('withheld' in e) && e.action === 'evidence_added' && (e.details as { evidenceId?: string }).evidenceId === f.files[0].id);
    expect(sharedEntry).toBeDefined();

    // The approval's own audit entry records the package and its digest.
    const [approval] = await auditOf(f.id, 'approve_transfer');
    expect(approval.details.transferPackage).toMatchObject({ id: body.id, sha256: body.sha256, evidenceCount: 2 });

    // Unshared evidence stays out of reach; other agencies and organisations see neither case nor package.
    expect((await download(c.police, f.files[2].id)).status).toBe(404);
    for (const u of [c.court, c.customs, otherPolice, procurator]) {
      expect((await w.get(u, f.id)).status).toBe(404);
      expect((await pkg(u, f.id)).status).toBe(404);
      expect((await pkgPdf(u, f.id)).status).toBe(404);
      expect((await download(u, f.files[0].id)).status).toBe(404);
    }
    // The filing enterprise sees its case, but the package is for the agency and the center.
    expect((await w.get(c.enterprise, f.id)).status).toBe(200);
    expect((await pkg(c.enterprise, f.id)).status).toBe(404);
    const staff = await pkg(c.examiner, f.id);
    expect(staff.status).toBe(200);
    expect(staff.body.sha256).toBe(body.sha256);

    // The police acknowledge and file within their deadline; the package stays theirs to read.
    expect((await w.act(c.police, f.id, 'acknowledge')).status).toBe(200);
    expect((await w.act(c.police, f.id, 'police_file_case')).body).toMatchObject({ state: 'closed', outcome: 'transferred_criminal' });
    expect((await pkg(c.police, f.id)).body.sha256).toBe(body.sha256);
  });

  it('police: every audit entry of the package, withheld ones included, and the transfer entry are proven against a signed checkpoint', async () => {
    const f = await filed();
    await accept(f.id, 'police_transfer_review');
    await share(f.files[0].id, [orgs.police]);
    await share(f.files[2].id, [orgs.court]);
    expect((await w.act(c.supervisor, f.id, 'approve_transfer')).status).toBe(200);
    const centerKey = createPublicKey(parsePrivateKey(signingKey));
    const asTrusted = (k: ReturnType<typeof createPublicKey>): TrustedKey[] => [{ keyId: keyIdOf(k), publicKey: publicKeyBase64(k) }];
    const trusted = asTrusted(centerKey);
    const proofOf = async (u: TestUser) => {
      const res = await t.http().get(`/api/v1/cases/${f.id}/transfer-package/proof`).set(auth(u));
      expect(res.status).toBe(200);
      return res.body as TransferPackageProof;
    };
    const pk = (await pkg(c.police, f.id)).body as { id: string; sha256: string; document: TransferPackageDocument };
    const entries = pk.document.audit.entries;
    expect(entries.filter((e) => 'withheld' in e).length).toBeGreaterThanOrEqual(2);

    // Before a checkpoint covers the transfer: its entry (and whatever came after the last one) is pending, not valid.
    const early = await proofOf(c.police);
    const transferSeq = early.transferEntry!.seq;
    expect(early.transferEntry).toMatchObject({ action: 'approve_transfer', caseId: f.id, details: { transferPackage: { id: pk.id, sha256: pk.sha256 } } });
    expect(early.pending).toContain(transferSeq);
    const notYet = await verifyTransferPackage(pk, early, trusted);
    expect(notYet.valid).toBe(false);
    expect(notYet.pending).toContain(transferSeq);

    // The worker signs the head: now every entry is proven, with hashes alone for the withheld ones.
    expect((await worker.get(AuditService).checkpoint()).status).toBe('created');
    const proof = await proofOf(c.police);
    expect(proof.checkpoint).toMatchObject({ version: 2, merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(BigInt(proof.checkpoint!.seq)).toBeGreaterThanOrEqual(BigInt(transferSeq));
    expect(proof.pending).toEqual([]);
    expect(proof.proofs.map((p) => p.seq).sort()).toEqual([...entries.map((e) => e.seq), transferSeq].sort());
    // Nothing of another case: hashes, and the entries the package already has.
    const others: { hash: string }[] = await t.ds.query('SELECT hash FROM audit_entry WHERE case_id IS DISTINCT FROM $1 AND seq <= $2', [f.id, proof.checkpoint!.seq]);
    const text = JSON.stringify(proof);
    expect(others.filter((o) => text.includes(o.hash))).toEqual([]);
    // Written from the RFC alone: every proof leads from the package's entry hash to the signed root.
    const signedInput = canon({ ...proof.checkpoint, algorithm: undefined, publicKey: undefined, signature: undefined });
    expect(verifySignature(null, Buffer.from(signedInput, 'utf8'), centerKey, Buffer.from(proof.checkpoint!.signature, 'base64'))).toBe(true);
    const hashOf = new Map([...entries, proof.transferEntry!].map((e) => [e.seq, e.hash]));
    for (const p of proof.proofs) expect([p.seq, rfc9162Includes(Number(p.seq) - 1, Number(proof.checkpoint!.seq), hashOf.get(p.seq)!, p.path, proof.checkpoint!.merkleRoot!)]).toEqual([p.seq, true]);
    const verdict = await verifyTransferPackage(pk, proof, trusted);
    expect(verdict).toMatchObject({ valid: true, digestMatches: true, transferEntry: 'proven', entriesProven: entries.length, problems: [], pending: [] });
    expect(verdict.withheldEntries).toBeGreaterThanOrEqual(2);
    // The command a receiving agency runs on the two downloaded documents, offline, with the key it trusts.
    const dir = mkdtempSync(path.join(tmpdir(), 'lyg-transfer-verify-'));
    const file = (name: string, body: unknown) => {
      writeFileSync(path.join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
      return path.join(dir, name);
    };
    const files = [file('package.json', pk), file('proof.json', proof)];
    // The key as the center publishes it (no sign-in), to be compared with the key id given out of band.
    const published = await t.http().get('/api/v1/audit/public-keys');
    expect(published.status).toBe(200);
    const current = (published.body.keys as { keyId: string; signing: boolean; publicKey: string; pem: string }[]).find((k) => k.signing)!;
    expect(current.keyId).toBe(proof.checkpoint!.keyId);
    const keyFile = file('center.pem', current.pem);
    expect(current.publicKey).toBe(trusted[0].publicKey);
    const strangerKey = file('stranger.pem', createPublicKey(parsePrivateKey(generateSigningKeyPem())).export({ format: 'pem', type: 'spki' }) as string);
    const run = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await transferVerifyCommand(argv, { out: (x) => (out += x), err: (x) => (err += x) });
      return { code, out, err };
    };
    const good = await run(...files, '--key', keyFile);
    expect(good.code).toBe(0);
    expect(good.out).toContain(`package ${pk.id} (case ${f.caseNumber}): PROVEN`);
    expect(good.out).toContain(`${entries.length} proven in the signed tree`);
    const stranger = await run(...files, '--key', strangerKey);
    expect(stranger.code).toBe(1);
    expect(stranger.out).toContain('problem: the checkpoint is not acceptable: untrusted_key');
    expect(JSON.parse((await run(...files, '--key', strangerKey, '--key', keyFile, '--json')).out)).toMatchObject({ valid: true });
    expect((await run(files[0], '--key', keyFile)).code).toBe(2);

    // Staff get the same proof; others of the matrix get 404 (test/security/access-matrix).
    expect((await proofOf(c.examiner)).checkpoint!.merkleRoot).toBe(proof.checkpoint!.merkleRoot);
    expect((await t.http().get(`/api/v1/cases/${f.id}/transfer-package/proof`).set(auth(c.court))).status).toBe(404);

    // Each kind of falsehood is caught and named.
    const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
    const shownAt = entries.findIndex((e) => !('withheld' in e));
    const withheldAt = entries.findIndex((e) => 'withheld' in e);
    const edited = clone(pk);
    (edited.document.audit.entries[shownAt] as { actorRole: string }).actorRole = 'admin';
    expect((await verifyTransferPackage(edited, proof, trusted)).problems).toEqual(
      expect.arrayContaining(['the package document does not match its SHA-256 digest', `audit entry ${entries[shownAt].seq} does not match its hash`]),
    );
    const swapped = clone(pk);
    swapped.document.audit.entries[withheldAt].hash = 'ab'.repeat(32);
    swapped.sha256 = sha256(canon(swapped.document)); // even with a digest made to match, the withheld entry is not in the signed tree
    expect((await verifyTransferPackage(swapped, { ...proof, packageSha256: swapped.sha256 }, trusted)).problems).toContain(
      `audit entry ${entries[withheldAt].seq} is not proven to be in the chain signed at ${proof.checkpoint!.seq}`,
    );
    const badPath = clone(proof);
    badPath.proofs[0].path[0] = 'cd'.repeat(32);
    expect((await verifyTransferPackage(pk, badPath, trusted)).problems).toContain(`audit entry ${badPath.proofs[0].seq} is not proven to be in the chain signed at ${proof.checkpoint!.seq}`);
    const otherRoot = clone(proof);
    otherRoot.checkpoint!.merkleRoot = 'ef'.repeat(32);
    expect((await verifyTransferPackage(pk, otherRoot, trusted)).problems).toContain('the checkpoint is not acceptable: bad_signature');
    expect((await verifyTransferPackage(pk, proof, asTrusted(createPublicKey(parsePrivateKey(generateSigningKeyPem()))))).problems).toContain('the checkpoint is not acceptable: untrusted_key');
    const otherTransfer = clone(proof);
    (otherTransfer.transferEntry!.details as { transferPackage: { sha256: string } }).transferPackage.sha256 = '00'.repeat(32);
    expect((await verifyTransferPackage(pk, otherTransfer, trusted)).problems).toContain(`the transfer entry ${transferSeq} does not match its hash`);
  });

  it('customs: the package is made on referral, with the evidence shared with customs only', async () => {
    const f = await filed();
    await share(f.files[1].id, [orgs.customs]);
    await share(f.files[2].id, [orgs.police]);
    await accept(f.id, 'customs_referral');
    const body = await receive(c.customs, f.id, [f.files[1]], 'customs');
    expect(body.document.recipient.organizationId).toBe(orgs.customs);
    for (const u of [c.police, c.court, otherPolice]) expect((await pkg(u, f.id)).status).toBe(404);
    expect((await download(c.customs, f.files[0].id)).status).toBe(404);
    expect((await download(c.customs, f.files[2].id)).status).toBe(404);
    expect((await w.act(c.customs, f.id, 'acknowledge')).status).toBe(200);
    expect((await w.act(c.customs, f.id, 'report_outcome', { outcome: 'customs_detained' })).body).toMatchObject({ state: 'closed', outcome: 'customs_detained' });
  });

  it('court: the package is made on referral; an empty manifest when nothing was shared with the court', async () => {
    const f = await filed();
    await share(f.files[0].id, [orgs.police]);
    await accept(f.id, 'court_referral');
    const body = await receive(c.court, f.id, [], 'court');
    expect(body.document.evidence).toEqual([]);
    for (const u of [c.police, c.customs]) expect((await pkg(u, f.id)).status).toBe(404);
    expect((await w.act(c.court, f.id, 'acknowledge')).status).toBe(200);
    expect((await w.act(c.court, f.id, 'report_outcome', { outcome: 'court_filed' })).body).toMatchObject({ state: 'closed', outcome: 'court_filed' });
  });

  it('the supervisor chooses the evidence that goes with a police transfer: shared with the police on approval, listed in the package, named in the audit', async () => {
    const f = await filed();
    await accept(f.id, 'police_transfer_review');
    expect((await w.act(c.examiner, f.id, 'accept', { evidenceIds: [f.files[0].id] })).status).toBe(409);
    // Ids of another case's evidence, or not ids: refused whole, nothing shared, no package.
    const other = await filed();
    const foreign = await w.act(c.supervisor, f.id, 'approve_transfer', { evidenceIds: [f.files[0].id, other.files[0].id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'evidenceIds', code: 'not_of_case' })]);
    expect((await w.act(c.supervisor, f.id, 'approve_transfer', { evidenceIds: ['x'] })).body.errors).toEqual([expect.objectContaining({ field: 'evidenceIds', code: 'uuid_list' })]);
    expect((await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1 AND cardinality(shared_with) > 0', [f.id]))[0].n).toBe(0);

    const approved = await w.act(c.supervisor, f.id, 'approve_transfer', { evidenceIds: [f.files[0].id, f.files[2].id.toUpperCase()] });
    expect(approved.status).toBe(200);
    const res = await pkg(c.police, f.id);
    expect(res.body.document.evidence.map((e: { id: string }) => e.id).sort()).toEqual([f.files[0].id, f.files[2].id].sort());
    expect((await download(c.police, f.files[0].id)).status).toBe(200);
    expect((await download(c.police, f.files[1].id)).status).toBe(404);
    const [entry] = await auditOf(f.id, 'approve_transfer');
    expect(entry.details.sharedEvidenceIds).toEqual([f.files[0].id, f.files[2].id].sort());
  });

  it('evidence chosen on a referral into court goes with it; on a step that transfers nothing it is refused (422)', async () => {
    const f = await filed();
    const none = await w.act(c.examiner, f.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验', evidenceIds: [f.files[0].id] });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'evidenceIds', code: 'not_applicable' })]);
    expect((await w.act(c.examiner, f.id, 'accept', { route: 'court_referral', overrideReason: '仅请求损害赔偿', evidenceIds: [f.files[1].id] })).status).toBe(200);
    const res = await pkg(c.court, f.id);
    expect(res.body.document.evidence.map((e: { id: string }) => e.id)).toEqual([f.files[1].id]);
    verifyPackage(res.body, null);
  });

  it('a case back from the police stays readable to them, read only, and leaves their inbox; approved to them again, theirs to act on', async () => {
    const f = await filed();
    await accept(f.id, 'police_transfer_review');
    expect((await w.act(c.supervisor, f.id, 'approve_transfer')).status).toBe(200);
    expect((await w.get(c.police, f.id)).status).toBe(200);
    expect((await w.act(c.police, f.id, 'police_decline', { reason: '未达立案标准' })).status).toBe(200);
    expect((await w.get(c.police, f.id)).status).toBe(200);
    expect((await w.act(c.supervisor, f.id, 'request_reconsideration', { reason: '数额已达标准' })).status).toBe(200);
    const final = await w.act(c.police, f.id, 'police_decline', { reason: '复议维持' });
    expect(final.body.state).toBe('administrative_enforcement.filing_review');
    // Their decision stays on record for them: the case opens by its id, with no action, and so does their package.
    const back = await w.get(c.police, f.id);
    expect({ status: back.status, allowed: back.body.allowedActions }).toEqual({ status: 200, allowed: [] });
    expect((await pkg(c.police, f.id)).status).toBe(200);
    const inbox = await t.http().get('/api/v1/cases?limit=100').set(auth(c.police));
    expect(inbox.body.items.map((x: { id: string }) => x.id)).not.toContain(f.id);
    // Proposed again: still read only while the supervisor decides; theirs to act on once approved.
    expect((await w.act(c.officer, f.id, 'file_case')).status).toBe(200);
    expect((await w.act(c.officer, f.id, 'propose_transfer', { reason: '发现新的犯罪线索' })).status).toBe(200);
    expect((await w.get(c.police, f.id)).body.allowedActions).toEqual([]);
    expect((await w.act(c.police, f.id, 'acknowledge')).status).toBe(403);
    expect((await w.act(c.supervisor, f.id, 'approve_transfer')).status).toBe(200);
    expect((await w.get(c.police, f.id)).body.allowedActions).toContain('acknowledge');
  });

  it('a failed mediation referred to the court makes a package then', async () => {
    const f = await filed();
    await share(f.files[2].id, [orgs.court]);
    await accept(f.id, 'mediation');
    expect((await w.act(c.supervisor, f.id, 'assign_mediator', { mediatorId: c.mediator.id })).status).toBe(200);
    expect((await pkg(c.court, f.id)).status).toBe(404);
    const failed = await w.act(c.mediator, f.id, 'mediation_failed', { reason: '被投诉方拒绝调解', nextRoute: 'court_referral' });
    expect(failed.body.state).toBe('court_referral');
    const res = await pkg(c.court, f.id);
    expect(res.status).toBe(200);
    expect(res.body.document.evidence.map((e: { id: string }) => e.id)).toEqual([f.files[2].id]);
    verifyPackage(res.body, null);
  });

  it("agency inboxes list only the cases transferred to the agency's organisation, with deadlines", async () => {
    const police = await filed();
    await accept(police.id, 'police_transfer_review');
    await w.act(c.supervisor, police.id, 'approve_transfer').expect(200);
    const customs = await filed();
    await accept(customs.id, 'customs_referral');
    const inbox = async (u: TestUser) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http().get(`/api/v1/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`).set(auth(u));
        expect(res.status).toBe(200);
        for (const item of res.body.items) {
          ids.push(item.id);
          if (item.id === police.id || item.id === customs.id) expect(item.deadlines.length).toBeGreaterThan(0);
        }
        cursor = res.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const [p, cu, other] = [await inbox(c.police), await inbox(c.customs), await inbox(otherPolice)];
    expect(p).toContain(police.id);
    expect(p).not.toContain(customs.id);
    expect(cu).toContain(customs.id);
    expect(cu).not.toContain(police.id);
    expect(other).toEqual([]);
    const transferredTo = (await t.ds.query('SELECT DISTINCT transferred_to FROM ip_case WHERE id = ANY($1)', [p])).map((r: { transferred_to: string }) => r.transferred_to);
    expect(transferredTo).toEqual([orgs.police]);
    // Their history shows the decisions, and the evidence list only what was shared with them (nothing here).
    const history = await t.http().get(`/api/v1/cases/${police.id}/history`).set(auth(c.police));
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: { action: string }) => i.action)).toContain('approve_transfer');
    const list = await t.http().get(`/api/v1/cases/${police.id}/evidence`).set(auth(c.police));
    expect(list.body.items).toEqual([]);
  });

  it('a PDF is rendered after commit without anyone asking for it', async () => {
    const f = await filed();
    await accept(f.id, 'customs_referral');
    const [row] = await t.ds.query('SELECT id FROM transfer_package WHERE case_id = $1', [f.id]);
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      const [r] = await t.ds.query('SELECT pdf_object_key FROM transfer_package WHERE id = $1', [row.id]);
      ready = r.pdf_object_key !== null;
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready).toBe(true);
  });
});
