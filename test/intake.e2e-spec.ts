import type { ComplaintInput } from '@lyg/domain';
import { exampleComplaint, withField } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestOrg, type TestUser } from './support/test-app';

describe('complaint intake', () => {
  let t: TestApp;
  let org: TestOrg;
  let filer: TestUser;
  let complaint: ComplaintInput;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp();
    const uscc = randomUscc();
    org = await createOrg(t.ds, 'enterprise', { uscc });
    filer = await createUser(t, 'enterprise', org.id);
    complaint = exampleComplaint({ uscc });
  });
  afterAll(() => t.close());

  const create = (body: unknown, user = filer, headers: Record<string, string> = {}) =>
    t.http().post('/api/v1/complaints').set(auth(user)).set(headers).send(body as object);

  it('an enterprise files the example complaint as a draft (201, the Case of contract.md)', async () => {
    const res = await create(complaint);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'draft',
      caseNumber: null,
      version: 1,
      outcome: null,
      route: null,
      flags: [],
      deadlines: [],
      warnings: [],
      complaint: { ipRights: [{ number: 'ZL202310586421.6' }] },
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = await t.http().get(`/api/v1/cases/${res.body.id}`).set(auth(filer));
    expect(got.status).toBe(200);
    expect(got.body.complaint).toEqual(res.body.complaint);
  });

  it('full-width patent numbers without prefix or dot are stored canonical', async () => {
    const res = await create(withField(complaint, 'ipRights[0].number', '２０２３１０５８６４２１６'));
    expect(res.status).toBe(201);
    expect(res.body.complaint.ipRights[0].number).toBe('ZL202310586421.6');
  });

  it('a USCC with a failing check character is accepted with a warning', async () => {
    const bad = org.uscc!.slice(0, 17) + (org.uscc!.endsWith('0') ? '1' : '0');
    const res = await create(withField(complaint, 'complainant.uscc', bad));
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([{ field: 'complainant.uscc', code: 'uscc_check_character' }]);
  });

  // One case per field rule of contract.md: the field path and the error code.
  it.each([
    ['ipRights[0].number', 'patent_check_digit', 'ZL202310586421.5'],
    ['ipRights[0].number', 'patent_type_digit', 'ZL202320586421.6'],
    ['ipRights[0].number', 'patent_format', 'ZL2023-10586421'],
    ['complainant.uscc', 'uscc_length', '91320706MA1XK7H2'],
    ['complainant.uscc', 'uscc_character', '91320706MA1XK7H2IA'],
    ['complainant.uscc', 'uscc_required', null],
    ['respondent.uscc', 'uscc_length', 'ABC'],
    ['complainant.country', 'country', 'XX'],
    ['complainant.country', 'country', 'cn'],
    ['respondent.country', 'required', undefined],
    ['complainant.regionCode', 'region_code', '32070'],
    ['infringement.regionCode', 'region_code', '990706'],
    ['complainant.size', 'enum', 'huge'],
    ['complainant.contactEmail', 'email', 'not-an-email'],
    ['complainant.name', 'required', ''],
    ['complainant.name', 'length', '名'.repeat(201)],
    ['infringement.description', 'length', '太短了'],
    ['infringement.description', 'length', 'x'.repeat(5001)],
    ['infringement.firstKnownAt', 'date', '2026-02-30'],
    ['infringement.firstKnownAt', 'date_in_future', '2999-01-01'],
    ['ipRights[0].validUntil', 'date', '20430510'],
    ['infringement.estimatedTurnoverCny', 'min', -1],
    ['infringement.estimatedTurnoverCny', 'type_integer', 12.5],
    ['infringement.estimatedGainsCny', 'type_integer', '1000'],
    ['infringement.conducts', 'enum', ['sale', 'stealing']],
    ['infringement.conducts', 'array_size', []],
    ['infringement.channel', 'enum', 'mail_order'],
    ['infringement.industry', 'enum', 'mining'],
    ['requestedRemedies', 'enum', ['apology']],
    ['ipRights', 'array_size', []],
    ['ipRights[0].type', 'enum', 'patent'],
    ['language', 'enum', 'fr'],
    ['respondent.onlineStoreUrl', 'url', 'javascript:alert(1)'],
    ['complainant.role', 'unknown_field', 'admin'],
    ['infringement.priorWarningSent', 'type_boolean', 'yes'],
  ])('%s → 422 %s', async (field, code, value) => {
    const res = await create(withField(complaint, field, value));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
  });

  it('an amount too large is named as such, with the bound, in the reader\'s language (it is a whole number)', async () => {
    for (const value of [1e15 + 1, 1e20]) {
      const res = await create(withField(complaint, 'infringement.estimatedTurnoverCny', value));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'infringement.estimatedTurnoverCny', code: 'max', message: '不能大于 1000000000000000' }]);
    }
    // The bound itself is accepted; a negative amount still names the lower bound.
    expect((await create(withField(complaint, 'infringement.estimatedLossCny', 1e15))).status).toBe(201);
    const negative = await create(withField(complaint, 'infringement.estimatedLossCny', -5));
    expect(negative.body.errors).toEqual([{ field: 'infringement.estimatedLossCny', code: 'min', message: '不能小于 0' }]);
  });

  it('trademarks need a 1–8 digit number and Nice classes 1–45', async () => {
    const tm = (number: unknown, niceClasses: unknown) =>
      create(withField(complaint, 'ipRights[0]', { type: 'trademark', number, title: '康恒', holder: 'x', validUntil: null, niceClasses }));
    expect((await tm('12345678', [5, 10])).status).toBe(201);
    const bad = await tm('123456789', [5]);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'ipRights[0].number', code: 'trademark_format' })]);
    expect((await tm('1234', [])).body.errors[0]).toMatchObject({ field: 'ipRights[0].niceClasses', code: 'nice_required' });
    expect((await tm('1234', [46])).body.errors[0]).toMatchObject({ field: 'ipRights[0].niceClasses', code: 'nice_range' });
    expect((await tm('1234', [5, 5])).body.errors[0]).toMatchObject({ field: 'ipRights[0].niceClasses', code: 'nice_duplicate' });
  });

  it('a right number is optional only for trade secrets and copyright', async () => {
    const right = (type: string) => withField(complaint, 'ipRights[0]', { type, number: null, title: '配方', holder: 'x', validUntil: null, niceClasses: null });
    expect((await create(right('trade_secret'))).status).toBe(201);
    expect((await create(right('copyright'))).status).toBe(201);
    const gi = await create(right('geographical_indication'));
    expect(gi.status).toBe(422);
    expect(gi.body.errors[0]).toMatchObject({ field: 'ipRights[0].number', code: 'number_required' });
    // A free-text number is at most 64 characters, and the message says 64.
    const long = withField(complaint, 'ipRights[0]', { type: 'geographical_indication', number: 'G'.repeat(65), title: '东海水晶', holder: 'x', validUntil: null, niceClasses: null });
    const tooLong = await create(long, filer, { 'accept-language': 'en' });
    expect(tooLong.body.errors[0]).toEqual({ field: 'ipRights[0].number', code: 'max_length', message: 'must be at most 64 characters long' });
  });

  it('an individual complainant may omit the USCC', async () => {
    const c = withField(withField(complaint, 'complainant.size', 'individual') as unknown as ComplaintInput, 'complainant.uscc', null);
    expect((await create(c)).status).toBe(201);
  });

  it('lists every bad field at once, localized by Accept-Language', async () => {
    let bad = withField(complaint, 'ipRights[0].number', 'ZL202310586421.5');
    bad = withField(bad as unknown as ComplaintInput, 'complainant.country', 'XX');
    bad = withField(bad as unknown as ComplaintInput, 'extra', 1);
    const en = await create(bad, filer, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.status).toBe(422);
    expect(en.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['complainant.country', 'extra', 'ipRights[0].number']);
    expect(en.body.title).toBe('The submitted data is invalid');
    expect(en.body.errors.find((e: { field: string }) => e.field === 'ipRights[0].number').message).toBe('the check digit is wrong');
    const zh = await create(bad);
    expect(zh.body.title).toBe('提交的数据有误');
    expect(zh.body.errors.find((e: { field: string }) => e.field === 'ipRights[0].number').message).toBe('专利号校验位错误');
  });

  it('blank text is refused as missing, and text is measured without the whitespace around it, in characters', async () => {
    let bad = withField(complaint, 'complainant.name', '   ');
    bad = withField(bad as unknown as ComplaintInput, 'infringement.description', ' '.repeat(25));
    bad = withField(bad as unknown as ComplaintInput, 'ipRights[0].holder', '\t\n');
    const res = await create(bad, filer, { 'accept-language': 'en' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'complainant.name', code: 'required', message: expect.any(String) },
        { field: 'infringement.description', code: 'required', message: expect.any(String) },
        { field: 'ipRights[0].holder', code: 'required', message: expect.any(String) },
      ]),
    );
    // 19 characters padded with spaces to 40 is still 19; 20 characters outside the BMP (40 UTF-16 units) are 20.
    const short = await create(withField(complaint, 'infringement.description', `  ${'侵'.repeat(19)}${' '.repeat(19)}`), filer, { 'accept-language': 'en' });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([{ field: 'infringement.description', code: 'length', message: expect.stringContaining('20') }]);
    expect((await create(withField(complaint, 'infringement.description', '𠀀'.repeat(20)), filer)).status).toBe(201);
  });

  it('server-owned fields in the body are refused (no mass assignment)', async () => {
    for (const field of ['state', 'caseNumber', 'organizationId', 'version']) {
      const res = await create({ ...complaint, [field]: 'x' });
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ field, code: 'unknown_field' });
    }
  });

  it('malformed JSON is a 422 problem, not a crash', async () => {
    const res = await t.http().post('/api/v1/complaints').set(auth(filer)).set('content-type', 'application/json').send('{"complainant":');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
  });

  describe('Idempotency-Key', () => {
    it('the same key and body replays the first response without creating another case', async () => {
      const key = `k-${Date.now()}`;
      const first = await create(complaint, filer, { 'idempotency-key': key });
      const second = await create(complaint, filer, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.id).toBe(first.body.id);
      expect(second.headers['idempotent-replayed']).toBe('true');
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM ip_case WHERE id = $1', [first.body.id]);
      expect(n).toBe(1);
    });

    it('the same key with another body is refused with 422', async () => {
      const key = `k2-${Date.now()}`;
      await create(complaint, filer, { 'idempotency-key': key });
      const res = await create(withField(complaint, 'infringement.estimatedTurnoverCny', 1), filer, { 'idempotency-key': key });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('idempotency_key_reused');
    });

    it('concurrent retries with one key create exactly one case', async () => {
      const key = `k3-${Date.now()}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => create(complaint, filer, { 'idempotency-key': key })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    });

    it('a failed request leaves the key free for a corrected retry', async () => {
      const key = `k4-${Date.now()}`;
      const bad = await create(withField(complaint, 'complainant.country', 'XX'), filer, { 'idempotency-key': key });
      expect(bad.status).toBe(422);
      expect((await create(complaint, filer, { 'idempotency-key': key })).status).toBe(201);
    });
  });

  describe('editing a draft', () => {
    it('PATCH replaces the given sections and re-validates them', async () => {
      const c = (await create(complaint)).body;
      const res = await t
        .http()
        .patch(`/api/v1/complaints/${c.id}`)
        .set(auth(filer))
        .set('if-match', `"${c.version}"`)
        .send({ requestedRemedies: ['mediation'] });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(2);
      expect(res.body.complaint.requestedRemedies).toEqual(['mediation']);
      expect(res.body.complaint.ipRights).toEqual(c.complaint.ipRights);
      const bad = await t.http().patch(`/api/v1/complaints/${c.id}`).set(auth(filer)).send({ ipRights: [{ ...c.complaint.ipRights[0], number: 'ZL202310586421.5' }] });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('ipRights[0].number');
    });

    it('a stale If-Match is refused with 412 and nothing changes', async () => {
      const c = (await create(complaint)).body;
      const res = await t.http().patch(`/api/v1/complaints/${c.id}`).set(auth(filer)).set('if-match', '"7"').send({ requestedRemedies: ['mediation'] });
      expect(res.status).toBe(412);
      const after = await t.http().get(`/api/v1/cases/${c.id}`).set(auth(filer));
      expect(after.body.version).toBe(1);
    });

    it('POST and PATCH answer ETag "<version>", which If-Match takes back; the same one again is stale (412)', async () => {
      const c = await create(complaint);
      expect(c.headers.etag).toBe('"1"');
      const edit = (etag: string) => t.http().patch(`/api/v1/complaints/${c.body.id}`).set(auth(filer)).set('if-match', etag).send({ requestedRemedies: ['mediation'] });
      const res = await edit(c.headers.etag);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect((await edit(c.headers.etag)).status).toBe(412);
    });
  });

  describe('visibility', () => {
    it("another organisation's case is 404, never 403", async () => {
      const c = (await create(complaint)).body;
      const other = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc: randomUscc() })).id);
      expect((await t.http().get(`/api/v1/cases/${c.id}`).set(auth(other))).status).toBe(404);
      const patch = await t.http().patch(`/api/v1/complaints/${c.id}`).set(auth(other)).send({ requestedRemedies: ['mediation'] });
      expect(patch.status).toBe(404);
      const list = await t.http().get('/api/v1/cases').set(auth(other));
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    });

    it('staff do not see drafts', async () => {
      const c = (await create(complaint)).body;
      const examiner = await createUser(t, 'examiner', (await createOrg(t.ds, 'protection_center')).id);
      expect((await t.http().get(`/api/v1/cases/${c.id}`).set(auth(examiner))).status).toBe(404);
    });

    it('a wrong role is refused with 403', async () => {
      const examiner = await createUser(t, 'examiner', (await createOrg(t.ds, 'protection_center')).id);
      const res = await create(complaint, examiner);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden_role');
    });

    it('a path id that is not a UUID is 404', async () => {
      expect((await t.http().get('/api/v1/cases/not-a-uuid').set(auth(filer))).status).toBe(404);
    });
  });

  describe('listing', () => {
    it('pages with limit and cursor, newest first for enterprises, and searches by party name', async () => {
      const own = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc: randomUscc() })).id);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create(withField(complaint, 'respondent.name', `被投诉方${i}号`), own)).body.id);
      const p1 = await t.http().get('/api/v1/cases?limit=2').set(auth(own));
      expect(p1.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4], ids[3]]);
      const p2 = await t.http().get(`/api/v1/cases?limit=2&cursor=${p1.body.nextCursor}`).set(auth(own));
      expect(p2.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
      const p3 = await t.http().get(`/api/v1/cases?limit=2&cursor=${p2.body.nextCursor}`).set(auth(own));
      expect(p3.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
      expect(p3.body.nextCursor).toBeNull();
      const found = await t.http().get(`/api/v1/cases?q=${encodeURIComponent('被投诉方3')}`).set(auth(own));
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([ids[3]]);
    });

    it('refuses a limit over 100 and a forged cursor', async () => {
      expect((await t.http().get('/api/v1/cases?limit=101').set(auth(filer))).status).toBe(422);
      expect((await t.http().get('/api/v1/cases?cursor=abc').set(auth(filer))).status).toBe(422);
    });
  });
});
