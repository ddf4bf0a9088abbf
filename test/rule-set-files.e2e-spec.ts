// TRIAGE_RULE_SETS_DIR (triage-rules.md: "a new rule set with a later effective-from date can be added without code
// changes"): a set from a file judges the complaints submitted from its date on, in submission and in the preview
// alike, in the API and the worker; a bad file stops the start and names itself and every bad field.
import { ConfigError } from '@lyg/config';
import { type ComplaintInput, RULE_SET_2025_04_26, triage } from '@lyg/domain';
import { RuleSetsService } from '@lyg/workflow';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, testConfig, type TestApp, type TestUser } from './support/test-app';
import { uniqueRespondent } from './support/workflow';

const scratch = mkdtempSync(path.join(tmpdir(), 'lyg-rule-set-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A directory holding one rule-set file, as an operator would write it. */
function ruleSetDir(name: string, set: unknown): string {
  const dir = mkdtempSync(path.join(scratch, 'd-'));
  writeFileSync(path.join(dir, name), JSON.stringify(set, null, 2));
  return dir;
}

/** 2025-04-26 with the patent passing-off turnover threshold halved (200,000 → 100,000), from 2026-01-01. */
function loweredPassingOff() {
  const set = JSON.parse(JSON.stringify(RULE_SET_2025_04_26));
  Object.assign(set, { version: '2026-01-01-test', effectiveFrom: '2026-01-01' });
  set.criminalOffences.find((o: { offence: string }) => o.offence === 'patent_passing_off').thresholds.turnover = 100_000;
  return set;
}

/** Passing off the patent with a turnover of 150,000: under 80 % of the built-in 200,000, past the file's 100,000. */
const passingOff = (uscc: string): ComplaintInput => {
  const c = uniqueRespondent(exampleComplaint({ uscc }));
  return { ...c, infringement: { ...c.infringement, conducts: ['sale', 'passing_off'], estimatedTurnoverCny: 150_000 } };
};

describe('rule sets from TRIAGE_RULE_SETS_DIR', () => {
  let t: TestApp;
  let filer: TestUser;
  let uscc: string;
  let worker: INestApplicationContext;
  const dir = ruleSetDir('2026-01-01.json', loweredPassingOff());
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp({ TRIAGE_RULE_SETS_DIR: dir });
    uscc = randomUscc();
    filer = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc })).id);
    worker = await NestFactory.createApplicationContext(WorkerModule.register(testConfig({ TRIAGE_RULE_SETS_DIR: dir, WORKER_POLL_MS: '0' })), { logger: false });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('the built-in set would not find the offence: the file is what changes the outcome', () => {
    const built = triage(
      {
        complaint: passingOff(uscc),
        evidenceKinds: ['right_certificate', 'purchase_record'],
        filingOrganization: { uscc },
        registeredEnterprises: new Set(),
        respondentHistory: [],
        submittedAt: new Date(),
      },
      RULE_SET_2025_04_26,
    );
    expect(built.recommendedRoute).not.toBe('police_transfer_review');
    expect(built.flags).not.toContain('criminal_threshold_reached');
  });

  it('a complaint submitted after the file’s effective-from date is triaged by it, with its version recorded', async () => {
    const d = (await t.http().post('/api/v1/complaints').set(auth(filer)).send(passingOff(uscc)).expect(201)).body;
    const res = await t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer));
    expect(res.status).toBe(200);
    expect(res.body.triage.ruleSetVersion).toBe('2026-01-01-test');
    // No evidence yet, so the route is a correction; the lowered threshold shows in the flags all the same.
    expect(res.body.triage.recommendedRoute).toBe('return_for_correction');
    expect(res.body.flags).toContain('criminal_threshold_reached');
    const [row] = await t.ds.query("SELECT triage ->> 'ruleSetVersion' AS version FROM ip_case WHERE id = $1", [d.id]);
    expect(row.version).toBe('2026-01-01-test');
  });

  it('the preview judges by the same file: with evidence, a transfer to the police on the lowered threshold', async () => {
    const res = await t
      .http()
      .post('/api/v1/triage/preview')
      .set(auth(filer))
      .send({ ...passingOff(uscc), evidenceKinds: ['right_certificate', 'purchase_record'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recommendedRoute: 'police_transfer_review', competentAgency: 'police', ruleSetVersion: '2026-01-01-test' });
    const t1 = res.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'T1');
    expect(t1.message.en).toContain('100,000');
  });

  it('GET /triage/rule-sets lists the file’s set as in force beside the built-in ones, for staff only', async () => {
    const examiner = await createUser(t, 'examiner', null, 'zh-CN', { login: false });
    const res = await t.http().get('/api/v1/triage/rule-sets').set(auth(examiner));
    expect(res.status).toBe(200);
    expect(res.body.ruleSets).toEqual([
      { version: '2026-01-01-test', effectiveFrom: '2026-01-01', builtIn: false, inForce: true },
      { version: '2025-04-26', effectiveFrom: '2025-04-26', builtIn: true, inForce: false },
      { version: '2004-12-22', effectiveFrom: '2004-12-22', builtIn: true, inForce: false },
    ]);
    expect((await t.http().get('/api/v1/triage/rule-sets').set(auth(filer))).status).toBe(403);
  });

  it('GET /triage/rule-sets/:version gives a set as its file has it (the built-in ones too, the start of a new file); 404 for another', async () => {
    const examiner = await createUser(t, 'examiner', null, 'zh-CN', { login: false });
    const builtIn = await t.http().get('/api/v1/triage/rule-sets/2025-04-26').set(auth(examiner));
    expect(builtIn.status).toBe(200);
    expect(builtIn.body).toEqual(JSON.parse(JSON.stringify(RULE_SET_2025_04_26)));
    const fromFile = await t.http().get('/api/v1/triage/rule-sets/2026-01-01-test').set(auth(examiner));
    expect(fromFile.body).toEqual(loweredPassingOff());
    const unknown = await t.http().get('/api/v1/triage/rule-sets/2099-01-01').set(auth(examiner)).set('accept-language', 'en');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('The triage rule set was not found.');
    expect((await t.http().get('/api/v1/triage/rule-sets/2025-04-26').set(auth(filer))).status).toBe(403);
  });

  it('POST /triage/rule-sets/check says whether a new file can be placed as it is, naming every defect by its path; nothing is stored', async () => {
    const admin = await createUser(t, 'admin', null, 'en', { login: false });
    const check = (body: unknown) => t.http().post('/api/v1/triage/rule-sets/check').set(auth(admin)).send(body as object);
    // A later set: taken by every process at its next reading of the directory.
    const later = await check({ ...loweredPassingOff(), version: '2091-01-01', effectiveFrom: '2091-01-01' });
    expect(later.status).toBe(200);
    expect(later.body).toEqual({ acceptable: true, version: '2091-01-01', effectiveFrom: '2091-01-01', problems: [], takesEffect: 'on_reload' });
    // Backdated: acceptable, but only a restart takes it.
    const backdated = await check({ ...loweredPassingOff(), version: '2026-02-01', effectiveFrom: '2026-02-01' });
    expect(backdated.body).toMatchObject({ acceptable: true, takesEffect: 'on_restart' });
    // The version and the date of sets already known.
    const clash = await check({ ...loweredPassingOff(), effectiveFrom: '2025-04-26' });
    expect(clash.body.acceptable).toBe(false);
    expect(clash.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['effectiveFrom', 'version']);
    // A malformed set: every defect by its path.
    const bad = JSON.parse(JSON.stringify(loweredPassingOff()));
    bad.version = '';
    bad.criminalOffences[0].thresholds.turnover = -5;
    const refused = await check(bad);
    expect(refused.status).toBe(200);
    expect(refused.body.acceptable).toBe(false);
    expect(refused.body.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['version', 'criminalOffences[0].thresholds.turnover']));
    expect((await check([])).body.acceptable).toBe(false);
    // Nothing was taken.
    expect(t.app.get(RuleSetsService).byVersion('2091-01-01')).toBeUndefined();
    const examiner = await createUser(t, 'examiner', null, 'zh-CN', { login: false });
    expect((await t.http().post('/api/v1/triage/rule-sets/check').set(auth(examiner)).send({})).status).toBe(403);
  });

  it('the worker reads the same directory', () => {
    expect(worker.get(RuleSetsService).inForceAt(new Date()).version).toBe('2026-01-01-test');
  });

  it('a set for a later date added to the directory is taken without a restart; a bad file is refused and listed', async () => {
    const examiner = await createUser(t, 'examiner', null, 'zh-CN', { login: false });
    const list = async () => (await t.http().get('/api/v1/triage/rule-sets').set(auth(examiner))).body;
    const future = path.join(dir, '2090-01-01.json');
    writeFileSync(future, JSON.stringify({ ...loweredPassingOff(), version: '2090-01-01', effectiveFrom: '2090-01-01' }));
    try {
      for (const app of [t.app, worker]) expect(app.get(RuleSetsService).reload()).toBe(true);
      const after = await list();
      expect(after.ruleSets[0]).toEqual({ version: '2090-01-01', effectiveFrom: '2090-01-01', builtIn: false, inForce: false });
      expect(after.reload).toEqual({ checkedAt: expect.any(String), problems: [] });
      expect(worker.get(RuleSetsService).inForceAt(new Date('2090-06-01T00:00:00Z')).version).toBe('2090-01-01');
      writeFileSync(path.join(dir, 'broken.json'), '{');
      expect(t.app.get(RuleSetsService).reload()).toBe(false);
      const refused = await list();
      expect(refused.reload.problems).toEqual([expect.stringMatching(/broken\.json: not a readable JSON file/)]);
      expect(refused.ruleSets.map((r: { version: string }) => r.version)).toEqual(['2090-01-01', '2026-01-01-test', '2025-04-26', '2004-12-22']);
    } finally {
      rmSync(future, { force: true });
      rmSync(path.join(dir, 'broken.json'), { force: true });
    }
  });
});

describe('a malformed rule-set file', () => {
  it('stops the start with an error naming the file and the path of every bad field', async () => {
    const set = loweredPassingOff();
    set.criminalOffences[1].thresholds.turnover = -5;
    set.fastTrack.industries = ['new_medicine', 'steel'];
    const dir = ruleSetDir('bad.json', set);
    const app = await createApp(testConfig({ TRIAGE_RULE_SETS_DIR: dir }));
    try {
      const error = await app.init().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      const file = path.join(dir, 'bad.json');
      expect((error as ConfigError).problems).toEqual([
        `${file}: criminalOffences[1].thresholds.turnover: must be a positive whole number of yuan`,
        expect.stringMatching(new RegExp(`^${file}: fastTrack\\.industries\\[1\\]: must be one of `)),
      ]);
      expect((error as ConfigError).message).toContain(`${file}: criminalOffences[1].thresholds.turnover`);
    } finally {
      await app.close();
    }
  });
});
