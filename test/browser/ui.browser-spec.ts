// The main screens in a real browser, one story from complaint to closure plus a police transfer, against the system
// as `npm start` runs it. Scenarios run in order: the examiner and the officer work on the enterprise's case.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiAs, baseUrl, field, launch, mailTo, newPage, screenshot, signIn, signOut, uploadAs } from './support/browser';

// A small but well-formed PDF and a 1×1 PNG: the evidence store checks the bytes, not the file name.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A complaint of the demo enterprise against a respondent of this run, submitted through the API. */
async function fileThroughApi(description: string, requestedRemedies: string[]): Promise<{ id: string; caseNumber: string; triage: { recommendedRoute: string } }> {
  const enterprise = await apiAs('enterprise@demo.example');
  const draft = await enterprise<{ id: string }>('POST', '/complaints', {
    language: 'zh-CN',
    complainant: { name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706', contactName: '王敏', contactEmail: 'ip@kangheng.example', contactPhone: null },
    respondent: { name: `海州区某诊所-${Date.now().toString(36)}`, uscc: null, country: 'CN', regionCode: '320706', address: null, onlineStoreUrl: null, platform: null, contactEmail: null },
    ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: '连云港康恒医药有限公司', validUntil: '2043-05-10', niceClasses: null }],
    infringement: {
      conducts: ['use'], channel: 'offline', industry: 'new_medicine', regionCode: '320706', firstKnownAt: today, description, estimatedTurnoverCny: 20000,
      estimatedGainsCny: null, estimatedLossCny: null, priorWarningSent: false, urls: [],
    },
    requestedRemedies,
  });
  return { id: draft.id, ...(await enterprise<{ caseNumber: string; triage: { recommendedRoute: string } }>('POST', `/cases/${draft.id}/actions/submit`, {})) };
}

describe('web UI in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let caseNumber = '';

  beforeAll(async () => {
    browser = await launch();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const next = () => page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  const waitState = (state: string) => page.locator(`[data-testid="case-state"][data-state="${state}"]`).first().waitFor();
  const stateOf = () => page.getByTestId('case-state').first().getAttribute('data-state');
  const act = async (action: string, fill?: () => Promise<void>) => {
    await page.locator(`button[data-action="${action}"]`).click();
    await fill?.();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId(`action-form-${action}`).waitFor({ state: 'detached' });
  };

  it('the sign-in page lists the demo accounts and loads fast', async () => {
    const t0 = Date.now();
    await page.goto('/login');
    await page.getByTestId('demo-accounts').waitFor();
    const firstLoadMs = Date.now() - t0;
    // Evaluated in the page, where `performance` is the browser's; the root tsconfig has no DOM types.
    const nav = (await page.evaluate(
      'JSON.parse(JSON.stringify(performance.getEntriesByType("navigation")[0]))',
    )) as { domContentLoadedEventEnd: number; loadEventEnd: number };
    mkdirSync(path.resolve(__dirname, '../../test-artifacts'), { recursive: true });
    writeFileSync(path.resolve(__dirname, '../../test-artifacts/first-load.json'), JSON.stringify({ signInVisibleMs: firstLoadMs, domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd), loadMs: Math.round(nav.loadEventEnd) }, null, 2));
    console.log(`first load of the sign-in page: ${firstLoadMs} ms until the demo accounts show (navigation load event ${Math.round(nav.loadEventEnd)} ms)`);
    expect(await page.locator('button.demo-account').count()).toBe(11);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, '01-sign-in');
  });

  it('switches to English in one click, keeps the choice after a reload, and back to Chinese', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, '02-sign-in-english');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    // A mail's link in English (`?lang=en`): that page and the ones after it speak English, until switched back.
    await page.goto('/login?lang=en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  });

  it('an enterprise files a complaint with evidence and sees its case number', async () => {
    await signIn(page, 'enterprise@demo.example');
    await page.waitForURL('**/portal');
    const t0 = Date.now();
    await page.reload();
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    console.log(`first load of the portal (reload, signed in): ${Date.now() - t0} ms`);
    await page.getByRole('link', { name: /新建投诉/ }).first().click();

    // Complainant. The e-mail passes the browser's rough check but not the API's (a one-letter top-level domain).
    await field(page, 'complainant.name').fill('连云港康恒医药有限公司');
    await field(page, 'complainant.uscc').fill('91320706MA1XK7H21A');
    // A company in China must give its USCC: marked required before it is refused; a country code typed in small
    // letters is taken in capitals.
    expect(await page.locator('[data-field="complainant.uscc"] .req').count()).toBe(1);
    await field(page, 'complainant.country').fill('cn');
    expect(await field(page, 'complainant.country').inputValue()).toBe('CN');
    await field(page, 'complainant.regionCode').fill('320706');
    await field(page, 'complainant.contactName').fill('王敏');
    await field(page, 'complainant.contactEmail').fill('ip@kangheng.x');
    await next();
    // Respondent: a name of this run, so earlier runs' cases are no duplicates.
    await field(page, 'respondent.name').fill(`海州区某药房-${Date.now().toString(36)}`);
    await field(page, 'respondent.regionCode').fill('320706');
    await field(page, 'respondent.contactEmail').fill('shop@pharmacy.example');
    await next();
    // Rights: a wrong check digit is caught as it is typed, next to the number.
    await field(page, 'ipRights[0].number').fill('ZL202310586421.5');
    const numberError = page.getByTestId('error-ipRights[0].number');
    await numberError.waitFor();
    expect(await numberError.textContent()).toContain('校验位');
    await screenshot(page, '03-wizard-field-error');
    await field(page, 'ipRights[0].number').fill('ZL202310586421.6');
    await numberError.waitFor({ state: 'detached' });
    await field(page, 'ipRights[0].title').fill('一种缓释片剂及其制备方法');
    // The holder starts as the complainant.
    expect(await field(page, 'ipRights[0].holder').inputValue()).toBe('连云港康恒医药有限公司');
    await field(page, 'ipRights[0].holder').fill('连云港康恒医药有限公司');
    // The browser's Back and Forward move between the steps, keeping what was typed (they left the wizard before).
    await page.goBack();
    await field(page, 'respondent.regionCode').waitFor();
    expect(await field(page, 'respondent.contactEmail').inputValue()).toBe('shop@pharmacy.example');
    expect(new URL(page.url()).pathname).toBe('/portal/new');
    await page.goForward();
    expect(await field(page, 'ipRights[0].number').inputValue()).toBe('ZL202310586421.6');
    await next();
    await page.getByLabel('销售', { exact: true }).check();
    await field(page, 'infringement.industry').selectOption('new_medicine');
    await field(page, 'infringement.firstKnownAt').fill(today);
    await field(page, 'infringement.description').fill('被投诉方在其门店销售仿制我公司专利缓释片剂的产品，包装与我司产品高度近似。');
    // Typed with a thousands separator, as amounts are written.
    await field(page, 'infringement.estimatedTurnoverCny').fill('80,000');
    expect(await page.getByTestId('error-infringement.estimatedTurnoverCny').count()).toBe(0);
    await next();
    await page.getByLabel('停止侵权', { exact: true }).check();
    await page.getByLabel('行政处罚', { exact: true }).check();
    await page.getByRole('button', { name: '保存草稿并继续' }).click();

    // The API's 422 brings the user back to the complainant step, the message next to the e-mail input.
    const emailError = page.getByTestId('error-complainant.contactEmail');
    await emailError.waitFor();
    expect(await emailError.textContent()).toContain('邮箱');
    await screenshot(page, '04-wizard-api-field-error');
    await field(page, 'complainant.contactEmail').fill('ip@kangheng.example');
    await emailError.waitFor({ state: 'detached' });
    for (let i = 0; i < 4; i++) await next();
    await page.getByRole('button', { name: '保存草稿并继续' }).click();

    // Evidence: two files at once, each with its progress bar and the SHA-256 computed by the server. While they are
    // on their way (held back here), the wizard does not move on: a submission then would leave them behind.
    await page.getByTestId('evidence-uploader').waitFor();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const evidenceRoute = '**/api/v1/complaints/*/evidence';
    await page.route(evidenceRoute, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('evidence-file').setInputFiles([
      { name: '购买发票.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: '门店照片.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByTestId('uploads-pending').waitFor();
    expect(await page.getByTestId('uploads-pending').textContent()).toContain('2 个文件正在上传');
    expect(await page.getByRole('button', { name: '下一步' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '上一步' }).isDisabled()).toBe(true);
    release();
    await page.getByTestId('upload-sha256').nth(1).waitFor();
    await page.getByTestId('uploads-pending').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: '下一步' }).isEnabled()).toBe(true);
    await page.unroute(evidenceRoute);
    const hashes = await page.getByTestId('upload-sha256').allTextContents();
    expect(hashes.join(' ')).toContain(sha256(PDF));
    expect(hashes.join(' ')).toContain(sha256(PNG));
    expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100');
    // A file the API refuses (empty) shows why, field by field, and no full progress bar as if it were stored.
    await page.getByTestId('evidence-file').setInputFiles([{ name: '空文件.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) }]);
    const refused = page.getByTestId('upload-row').filter({ hasText: '空文件.pdf' });
    await refused.getByTestId('problem').waitFor();
    expect(await refused.getByTestId('problem').textContent()).toContain('文件为空');
    // Named as the person reads it, not by the API's field name.
    expect(await refused.getByTestId('problem').locator('li').first().textContent()).toMatch(/^文件：/);
    expect(await refused.getByRole('progressbar').count()).toBe(0);
    await screenshot(page, '05-wizard-evidence');
    // A reload keeps the draft and its evidence: same step, both files, no second draft.
    await page.reload();
    await page.getByTestId('evidence-uploader').waitFor();
    for (const name of ['购买发票.pdf', '门店照片.png']) await page.getByText(name).first().waitFor();
    await next();

    await page.getByTestId('recommended-route').waitFor();
    await screenshot(page, '06-wizard-review-triage');
    // The review shows what decides the route and who is told: the region codes and the respondent's e-mail (where
    // the answer link goes).
    const review = await page.getByTestId('review').textContent();
    expect(review).toContain('shop@pharmacy.example');
    expect(review).toContain('答辩通知发送至此');
    expect(review).toContain('320706');
    // Amounts with thousands separators, as the triage reasons write them.
    expect(review).toContain('80,000');
    // The language of its notices, for the examiner who will write to the complainant.
    expect(review).toContain('投诉语言（通知所用语言）中文');
    await page.getByTestId('submit-complaint').click();
    caseNumber = (await page.getByTestId('case-number').textContent()) ?? '';
    expect(caseNumber).toMatch(/^LYG-IP-\d{4}-\d{6}$/);
    await screenshot(page, '07-submitted');
    await page.getByTestId('review').waitFor({ state: 'detached' });

    // "New complaint" in the navigation starts a new one; the submitted case is in "My cases".
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '新建投诉' }).click();
    await page.getByTestId('submitted').waitFor({ state: 'detached' });
    // It starts at the first step, from the organisation itself, as a first visit does.
    await page.getByTestId('complainant-filled').waitFor();
    expect(await field(page, 'complainant.name').inputValue()).toBe('连云港康恒医药有限公司');
    expect(new URL(page.url()).searchParams.get('step') ?? '1').toBe('1');
    await nav.getByRole('link', { name: '我的案件' }).click();
    const mine = page.locator(`tr[data-case-number="${caseNumber}"]`);
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);
    await mine.getByRole('link', { name: caseNumber }).click();
    expect(await stateOf()).toBe('screening');
    await page.getByTestId('timeline').waitFor();
    await screenshot(page, '08-enterprise-case');
    await signOut(page);
  });

  it('an examiner claims the case from the queue and accepts it into administrative enforcement', async () => {
    await signIn(page, 'examiner@demo.example');
    await page.waitForURL('**/work');
    const row = page.locator(`tr[data-case-number="${caseNumber}"]`);
    await row.waitFor();
    await screenshot(page, '09-examiner-queue');
    await row.getByRole('button', { name: /认领/ }).click();
    await row.getByRole('button', { name: /释放/ }).waitFor();
    // A case never transferred has no package: its page does not ask for one (no 404 in the console).
    const packageRequests: string[] = [];
    const onRequest = (r: { url(): string }) => void (r.url().includes('/transfer-package') && packageRequests.push(r.url()));
    page.on('request', onRequest);
    await row.getByRole('link', { name: caseNumber }).click();
    expect(await page.getByTestId('assignee').textContent()).toBe('我');
    await page.getByTestId('triage').waitFor();
    page.off('request', onRequest);
    expect(packageRequests).toEqual([]);
    // The reasons' legal basis: the Chinese citation; in English its rendering, the Chinese after it.
    const basis = page.getByTestId('legal-basis').first();
    const zh = (await basis.textContent())!;
    expect(zh).toMatch(/^依据: .*(《|工作方案|快速维权)/);
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Triage recommendation' }).waitFor();
    const en = (await basis.textContent())!;
    expect(en).toMatch(/^Basis: [^\u3400-\u9fff（]+ \(/);
    expect(en).toContain(`(${zh.slice('依据: '.length)})`);
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '分流建议' }).waitFor();

    await page.getByRole('button', { name: /^查看/ }).last().click();
    await page.getByTestId('evidence-viewer').locator('img, iframe').first().waitFor();
    await screenshot(page, '10-examiner-case-detail');

    await act('accept', async () => {
      const form = page.getByTestId('action-form-accept');
      const recommended = await page.getByTestId('recommended-route').getAttribute('data-route');
      await form.locator('select').selectOption('administrative_enforcement');
      if (recommended !== 'administrative_enforcement') await form.locator('textarea').fill('被投诉方为线下门店，由市场监管部门立案查处更为适宜。');
    });
    await waitState('administrative_enforcement.filing_review');
    await signOut(page);
  });

  it('an officer files the case and decides it: closed as penalized', async () => {
    await signIn(page, 'officer@demo.example');
    await page.waitForURL('**/work');
    await page.locator(`tr[data-case-number="${caseNumber}"]`).getByRole('link', { name: caseNumber }).click();
    await act('file_case');
    await waitState('administrative_enforcement.investigating');
    await act('decide', async () => {
      const form = page.getByTestId('action-form-decide');
      // The outcome starts unchosen: confirmed as it opens, the form names the missing choice and sends nothing.
      expect(await form.locator('select').inputValue()).toBe('');
      await form.locator('textarea').fill('经调查，被投诉方销售侵权产品属实，责令停止销售并处罚款。');
      await page.getByTestId('confirm-action').click();
      await form.getByTestId('error-outcome').waitFor();
      expect(await form.getByTestId('error-outcome').textContent()).toBe('此项为必填项');
      expect(await stateOf()).toBe('administrative_enforcement.investigating');
      await form.locator('select').selectOption('penalized');
      await form.locator('textarea').fill('经调查，被投诉方销售侵权产品属实，责令停止销售并处罚款。');
    });
    await waitState('closed');
    expect(await page.getByTestId('case-state').first().textContent()).toContain('予以行政处罚');
    await screenshot(page, '11-officer-closed');
    await signOut(page);
  });

  it('a police transfer is approved by the supervisor and acknowledged by the police', async () => {
    // Arranged through the API: a case the examiner accepted into police transfer review.
    const enterprise = await apiAs('enterprise2@demo.example');
    const examiner = await apiAs('examiner@demo.example');
    const draft = await enterprise<{ id: string }>('POST', '/complaints', {
      language: 'zh-CN',
      complainant: { name: '连云港海信新材料有限公司', uscc: '91320703MA20QW5L3D', country: 'CN', size: 'sme', regionCode: '320703', contactName: '李娜', contactEmail: 'ip@haixin.example', contactPhone: null },
      respondent: { name: `灌云县某建材商行-${Date.now().toString(36)}`, uscc: null, country: 'CN', regionCode: '320723', address: null, onlineStoreUrl: null, platform: null, contactEmail: null },
      ipRights: [{ type: 'trademark', number: '38126547', title: '海信新材', holder: '连云港海信新材料有限公司', validUntil: '2031-06-20', niceClasses: [19] }],
      infringement: {
        conducts: ['counterfeiting', 'sale'],
        channel: 'offline',
        industry: 'new_materials',
        regionCode: '320723',
        firstKnownAt: today,
        description: '被投诉方大量销售假冒我司注册商标的防水卷材，非法经营数额巨大。',
        estimatedTurnoverCny: 900000,
        estimatedGainsCny: null,
        estimatedLossCny: null,
        priorWarningSent: false,
        urls: [],
      },
      requestedRemedies: ['stop_infringement', 'criminal_investigation'],
    });
    const invoice = await uploadAs('enterprise2@demo.example', draft.id, 'purchase_record', '购货发票.pdf', Buffer.concat([PDF, Buffer.from(`% invoice ${Date.now()}\n`)]));
    const note = await uploadAs('enterprise2@demo.example', draft.id, 'other', '内部备忘.pdf', Buffer.concat([PDF, Buffer.from(`% memo ${Date.now()}\n`)]));
    const submitted = await enterprise<{ id: string; caseNumber: string; triage: { recommendedRoute: string } }>('POST', `/cases/${draft.id}/actions/submit`, {});
    await examiner('POST', `/cases/${draft.id}/actions/accept`, {
      route: 'police_transfer_review',
      ...(submitted.triage.recommendedRoute === 'police_transfer_review' ? {} : { overrideReason: '非法经营数额达到刑事追诉标准' }),
    });

    // A second police organisation: the supervisor chooses which one receives the case.
    const admin = await apiAs('admin@demo.example');
    const branch = await admin<{ id: string }>('POST', '/admin/organizations', { name: `连云港市公安局海州分局-${Date.now().toString(36)}`, kind: 'police' });

    await signIn(page, 'supervisor@demo.example');
    await page.waitForURL('**/dashboard');
    const row = page.getByTestId('approvals').locator(`tr[data-case-number="${submitted.caseNumber}"]`);
    await row.waitFor();
    await page.getByTestId('audit-status').waitFor();
    await screenshot(page, '12-supervisor-dashboard');
    await row.getByRole('link', { name: submitted.caseNumber }).click();
    // The supervisor sends the invoice with the case and keeps the internal memo back.
    await act('approve_transfer', async () => {
      const chooser = page.getByTestId('evidence-chooser');
      await chooser.locator(`input[data-evidence-id="${invoice.id}"]`).waitFor();
      expect(await chooser.locator(`input[data-evidence-id="${invoice.id}"]`).isChecked()).toBe(true);
      await chooser.locator(`input[data-evidence-id="${note.id}"]`).uncheck();
      // Both police organisations are offered, the longest-standing (the demo's) first and chosen.
      const receiver = page.getByTestId('action-form-approve_transfer').locator('select[name="agencyId"]');
      await receiver.locator(`option[value="${branch.id}"]`).waitFor({ state: 'attached' });
      expect(await receiver.locator('option').first().textContent()).toBe('连云港市公安局');
      await receiver.selectOption(branch.id);
      await receiver.selectOption({ label: '连云港市公安局' });
    });
    await waitState('police_transfer_review.awaiting_police_decision');
    // What went with the case is ticked for the police; the memo held back can still follow it from the evidence list.
    const evidenceList = page.getByTestId('evidence-list');
    const invoiceRow = evidenceList.locator('tr', { hasText: '购货发票.pdf' });
    const memoRow = evidenceList.locator('tr', { hasText: '内部备忘.pdf' });
    await memoRow.getByTestId('share-agency').waitFor();
    expect([await invoiceRow.getByTestId('share-agency').isChecked(), await memoRow.getByTestId('share-agency').isChecked()]).toEqual([true, false]);
    // The box follows the server's answer, so it turns ticked once the file is shared.
    await memoRow.getByTestId('share-agency').click();
    await memoRow.locator('input[data-testid="share-agency"]:checked').waitFor();
    const policeApi = await apiAs('police@demo.example');
    for (let i = 0; i < 40; i++) {
      const seen = await policeApi<{ items: { id: string }[] }>('GET', `/cases/${draft.id}/evidence`);
      if (seen.items.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await policeApi<{ items: { id: string }[] }>('GET', `/cases/${draft.id}/evidence`)).items.map((e) => e.id).sort()).toEqual([invoice.id, note.id].sort());
    await signOut(page);

    await signIn(page, 'police@demo.example');
    await page.waitForURL('**/inbox');
    const inboxRow = page.locator(`tr[data-case-number="${submitted.caseNumber}"]`);
    await inboxRow.waitFor();
    // The inbox counts down the police's own period (the 24-hour handover until they acknowledge), not the center's.
    const inboxView = await (await apiAs('police@demo.example'))<{ deadlines: { stage: string; dueDate: string }[] }>('GET', `/cases/${draft.id}`);
    const handoverDue = inboxView.deadlines.find((d) => d.stage === 'police_transfer_review.package_handover')!.dueDate;
    expect(await inboxRow.locator('td').nth(3).textContent()).toContain(handoverDue);
    expect(await inboxRow.getByTestId('acknowledged').textContent()).toBe('待确认接收');
    await screenshot(page, '13-police-inbox');
    // The package is on the case page; once a checkpoint covers the transfer, the police check it in the browser
    // against the center's signed audit chain (digest, entry hashes, Merkle proofs, Ed25519 signature).
    const supervisor = await apiAs('supervisor@demo.example');
    await supervisor('POST', '/audit/checkpoints');
    await inboxRow.getByRole('link', { name: submitted.caseNumber }).click();
    const panel = page.getByTestId('transfer-package');
    await panel.getByTestId('package-digest').waitFor();
    // The 24-hour handover deadline: its stage by name, due at the instant the API gives (Asia/Shanghai, to the
    // minute), not at the end of a day.
    const police = await apiAs('police@demo.example');
    const sent = await police<{ document: { evidence: { id: string; fileName: string }[] } }>('GET', `/cases/${draft.id}/transfer-package`);
    expect(sent.document.evidence.map((e) => e.fileName)).toEqual(['购货发票.pdf']);
    const view = await police<{ deadlines: { stage: string; clock: string; dueAt: string }[] }>('GET', `/cases/${draft.id}`);
    const handover = view.deadlines.find((d) => d.stage === 'police_transfer_review.package_handover');
    expect(handover?.clock).toBe('hours');
    const handoverRow = page.locator('tr[data-stage="police_transfer_review.package_handover"]');
    expect(await handoverRow.locator('td').first().textContent()).toBe('移送公安：材料交接（至公安确认接收）');
    const shanghai = new Date(Date.parse(handover!.dueAt) + 8 * 3600_000).toISOString();
    expect(await handoverRow.getByTestId('deadline-due').textContent()).toBe(`${shanghai.slice(0, 10)} ${shanghai.slice(11, 16)}`);
    await panel.getByTestId('verify-package').click();
    const verdict = panel.getByTestId('package-check');
    await verdict.waitFor();
    expect({ valid: await verdict.getAttribute('data-valid'), text: await verdict.textContent() }).toEqual({ valid: 'true', text: expect.stringContaining('已核验') });
    await screenshot(page, '13b-police-package-verified');
    await act('acknowledge');
    await page.getByTestId('timeline').getByText('确认接收').waitFor();
    // The inbox says the receipt was acknowledged, and when.
    await page.getByRole('link', { name: /返回列表/ }).click();
    await inboxRow.getByTestId('acknowledged').filter({ hasText: '已确认接收' }).waitFor();
    await inboxRow.getByRole('link', { name: submitted.caseNumber }).click();
    await act('police_file_case');
    await waitState('closed');
    await screenshot(page, '14-police-filed');
    await signOut(page);
  });

  it('the supervisor reads the four principles for a period: equal protection group by group, the ratios with their cases, and a CSV', async () => {
    await signIn(page, 'supervisor@demo.example');
    await page.waitForURL('**/dashboard');
    const equal = page.getByTestId('principle-equal');
    await equal.waitFor();
    // The audit chain's last signed checkpoint (the worker signs one a few seconds after start), readably.
    const checkpoint = page.getByTestId('audit-checkpoint');
    await checkpoint.waitFor();
    expect(await checkpoint.textContent()).toMatch(/^最近签名检查点: 第\d+ 条 · \S.* · 密钥 \S{16} · 签名有效$/);
    // Every group side by side (nationality, then size), named in Chinese, with its figures.
    const groups = equal.getByTestId('equal-groups');
    expect(await groups.locator('tbody th').allTextContents()).toEqual(['境内', '境外', '大型企业', '中小企业', '微型企业', '个人']);
    const ratios = equal.getByTestId('equal-ratios');
    expect(await ratios.locator('tbody tr').count()).toBe(10);
    const handling = ratios.locator('tr[data-dimension="nationality"][data-metric="meanHandlingWorkingDays"]');
    expect(await handling.locator('td').nth(1).textContent()).toBe('境外 / 境内');
    expect(await page.getByTestId('principle-strict').textContent()).toContain('重复侵权案件');
    // Another period: the figures of the cases submitted then.
    await page.getByTestId('period-from').fill(today);
    await page.getByTestId('period-to').fill(today);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText(`${today} 至 ${today}（北京时间）`).waitFor();
    // A period that ends before it starts is said next to the dates; the figures shown stay.
    await page.getByTestId('period-from').fill('2026-12-31');
    await page.getByTestId('period-to').fill('2026-01-01');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('period-reversed').waitFor();
    expect(await page.getByText(`${today} 至 ${today}（北京时间）`).count()).toBe(1);
    expect(await page.getByTestId('principle-strict').isVisible()).toBe(true);
    await page.getByTestId('period-from').fill(today);
    await page.getByTestId('period-to').fill(today);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('period-reversed').waitFor({ state: 'detached' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('principles-csv').click()]);
    expect(download.suggestedFilename()).toBe(`principles_${today}_${today}.csv`);
    const csv = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    expect(csv).toContain(`${today},${today},equal,min_group,,,30`);
    await screenshot(page, '12b-supervisor-principles');
    // On a tablet (768 px), in both languages, the figures fit: the page does not scroll sideways.
    await page.setViewportSize({ width: 768, height: 1024 });
    type Doc = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
    const overflow = () => page.evaluate(() => {
      const el = (globalThis as unknown as Doc).document.documentElement;
      return el.scrollWidth - el.clientWidth;
    });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByTestId('language-switch').click();
    await page.getByTestId('principle-broad').getByRole('heading', { name: 'Broad' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, '12c-supervisor-principles-tablet-en');
    await page.getByTestId('language-switch').click();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signOut(page);
  });

  it('on a phone (390 px) the case pages of the police and the supervisor, the reassign form and the dashboard fit: nothing scrolls sideways', async () => {
    type Doc = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
    const overflowOf = (p: import('playwright-core').Page) =>
      p.evaluate(() => {
        const el = (globalThis as unknown as Doc).document.documentElement;
        return el.scrollWidth - el.clientWidth;
      });
    const police = await apiAs('police@demo.example');
    // The demo's police transfer: it came with the case's evidence (a trademark case, its registration certificate).
    const transferred = (await police<{ items: { id: string }[] }>('GET', `/cases?q=${encodeURIComponent('连云港某医疗器械贸易公司')}&limit=1`)).items[0];
    const shared = await police<{ items: { fileName: string }[] }>('GET', `/cases/${transferred.id}/evidence`);
    expect(shared.items.map((e) => e.fileName).sort()).toEqual(['公证购买发票.pdf', '商标注册证.pdf']);
    const supervisor = await apiAs('supervisor@demo.example');
    const screening = (await supervisor<{ items: { id: string }[] }>('GET', '/cases?state=screening&limit=1')).items[0];
    const phone = await newPage(browser, { width: 390, height: 844 });
    try {
      await signIn(phone.page, 'police@demo.example');
      await phone.page.goto(`/inbox/cases/${transferred.id}`);
      await phone.page.getByTestId('case-state').first().waitFor();
      await phone.page.getByTestId('triage').waitFor();
      await phone.page.getByTestId('evidence-list').waitFor();
      expect(await overflowOf(phone.page)).toBeLessThanOrEqual(0);
      // The deadlines say in which time they end.
      expect(await phone.page.locator('th', { hasText: '截止时间（北京时间）' }).count()).toBe(1);
      await screenshot(phone.page, '27-police-case-phone');
      await signOut(phone.page);
      await signIn(phone.page, 'supervisor@demo.example');
      await phone.page.goto(`/work/cases/${screening.id}`);
      await phone.page.getByTestId('case-state').first().waitFor();
      await phone.page.getByRole('button', { name: '改派' }).waitFor();
      await screenshot(phone.page, '27b-supervisor-case-phone');
      expect(await overflowOf(phone.page)).toBeLessThanOrEqual(0);
      await phone.page.goto('/dashboard');
      await phone.page.getByTestId('principle-broad').waitFor();
      expect(await overflowOf(phone.page)).toBeLessThanOrEqual(0);
      await screenshot(phone.page, '28-supervisor-dashboard-phone');
      // The filer's own case page, with its deadlines and evidence tables.
      await signOut(phone.page);
      await signIn(phone.page, 'enterprise@demo.example');
      const enterprise = await apiAs('enterprise@demo.example');
      const own = (await enterprise<{ items: { id: string; state: string }[] }>('GET', '/cases?state=screening&limit=1')).items[0];
      await phone.page.goto(`/portal/cases/${own.id}`);
      await phone.page.getByTestId('case-state').first().waitFor();
      await phone.page.getByTestId('evidence-list').waitFor();
      expect(await overflowOf(phone.page)).toBeLessThanOrEqual(0);
    } finally {
      await phone.context.close();
    }
  });

  it('the supervisor\'s live queue counts every open case by stage; a stage opens its cases on the workbench, and a case\'s "back to the list" returns there', async () => {
    const supervisor = await apiAs('supervisor@demo.example');
    const stages = await supervisor<{ cases: number; stages: { state: string; cases: number }[] }>('GET', '/cases/stages');
    const screening = stages.stages.find((x) => x.state === 'screening')!;
    expect(screening.cases).toBeGreaterThan(0);
    const { context, page: p } = await newPage(browser);
    try {
      await signIn(p, 'supervisor@demo.example');
      await p.goto('/dashboard');
      const row = p.getByTestId('stage-counts').locator('tr[data-stage="screening"]');
      await row.waitFor();
      expect(Number(await row.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(screening.cases);
      expect(Number(await p.getByTestId('stage-counts').locator('tfoot th').nth(1).textContent())).toBeGreaterThanOrEqual(stages.cases);
      await row.getByRole('link').click();
      await p.waitForURL('**/work?queue=all&state=screening');
      expect(await p.getByTestId('stage-filter').inputValue()).toBe('screening');
      await p.getByTestId('case-row').first().waitFor();
      const listed = await p.getByTestId('case-row').locator('[data-testid="case-state"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      expect(new Set(listed)).toEqual(new Set(['screening']));
      // A case, then "back to the list": the same tab and stage; the browser's Back too.
      await p.getByTestId('case-row').first().getByRole('link').first().click();
      await p.waitForURL('**/work/cases/**');
      await p.getByRole('link', { name: /返回列表/ }).click();
      await p.waitForURL('**/work?queue=all&state=screening');
      expect(await p.getByTestId('stage-filter').inputValue()).toBe('screening');
      await p.getByTestId('case-row').first().getByRole('link').first().click();
      await p.waitForURL('**/work/cases/**');
      await p.goBack();
      await p.waitForURL('**/work?queue=all&state=screening');
      expect(await p.getByTestId('stage-filter').inputValue()).toBe('screening');
    } finally {
      await context.close();
    }
  });

  it('the case link of a notice opens the case after signing in, on the page of the role that reads it', async () => {
    // The complainant's acknowledgement, as mailed: its link names `/cases/<id>`.
    const enterprise = await apiAs('enterprise@demo.example');
    const contact = `ip-${Date.now().toString(36)}@kangheng.example`;
    const draft = await enterprise<{ id: string }>('POST', '/complaints', {
      language: 'zh-CN',
      complainant: { name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706', contactName: '王敏', contactEmail: contact, contactPhone: null },
      respondent: { name: `海州区某药房-${Date.now().toString(36)}`, uscc: null, country: 'CN', regionCode: '320706', address: null, onlineStoreUrl: null, platform: null, contactEmail: null },
      ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: '连云港康恒医药有限公司', validUntil: '2043-05-10', niceClasses: null }],
      infringement: {
        conducts: ['sale'], channel: 'offline', industry: 'new_medicine', regionCode: '320706', firstKnownAt: today,
        description: '被投诉方在其门店销售仿制我公司专利缓释片剂的产品。', estimatedTurnoverCny: 80000, estimatedGainsCny: null, estimatedLossCny: null,
        priorWarningSent: false, urls: [],
      },
      requestedRemedies: ['stop_infringement'],
    });
    const submitted = await enterprise<{ caseNumber: string }>('POST', `/cases/${draft.id}/actions/submit`, {});
    const [mail] = await mailTo(contact);
    const link = new URL(/https?:\/\/[^\s"<>]+\/cases\/[0-9a-f-]{36}[^\s"<>]*/.exec(mail.text ?? '')![0]);
    expect(link.pathname).toBe(`/cases/${draft.id}`);
    // A fresh browser: signed out, the link leads to the sign-in page, and from there to the case.
    const { context, page: p } = await newPage(browser);
    try {
      await p.goto(link.pathname + link.search);
      await p.waitForURL('**/login');
      await p.locator('button.demo-account[data-email="enterprise@demo.example"]').click();
      await p.locator('form button[type="submit"]').click();
      await p.waitForURL(`**/portal/cases/${draft.id}`);
      await p.getByText(submitted.caseNumber).first().waitFor();
      // Signed in, the same link goes straight to the case; an examiner reads it on the workbench.
      await signOut(p);
      await signIn(p, 'examiner@demo.example');
      await p.goto(link.pathname);
      await p.waitForURL(`**/work/cases/${draft.id}`);
      await p.getByText(submitted.caseNumber).first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('a new complaint starts from the organisation itself (its last filing, or its record at the first); an agent picks one of its clients', async () => {
    const wizardAs = async (email: string, password?: string) => {
      const r = await newPage(browser);
      if (password) {
        await r.page.goto('/login');
        await r.page.locator('input[type="email"]').fill(email);
        await r.page.locator('input[type="password"]').fill(password);
        await r.page.locator('form button[type="submit"]').click();
        await r.page.getByTestId('who').filter({ hasText: email }).waitFor();
      } else await signIn(r.page, email);
      await r.page.goto('/portal/new');
      return r;
    };
    // An enterprise that has filed before: its complainant as it last gave it (the newest submitted complaint's).
    type Listed = { state: string; complaint: { complainant: { name: string; uscc: string; contactEmail: string; contactPhone: string | null } } };
    const mine = await (await apiAs('enterprise@demo.example'))<{ items: Listed[] }>('GET', '/cases?sort=recent&limit=50');
    const last = mine.items.find((c) => c.state !== 'draft')!.complaint.complainant;
    const kangheng = await wizardAs('enterprise@demo.example');
    try {
      await kangheng.page.getByTestId('complainant-filled').waitFor();
      expect(await kangheng.page.getByTestId('complainant-filled').textContent()).toContain('以往投诉');
      expect(await field(kangheng.page, 'complainant.name').inputValue()).toBe('连云港康恒医药有限公司');
      expect(await field(kangheng.page, 'complainant.uscc').inputValue()).toBe('91320706MA1XK7H21A');
      expect(await field(kangheng.page, 'complainant.contactEmail').inputValue()).toBe(last.contactEmail);
      expect(await field(kangheng.page, 'complainant.contactPhone').inputValue()).toBe(last.contactPhone ?? '');
      // What the user then types is kept over a reload, not filled in again.
      await field(kangheng.page, 'complainant.contactName').fill('赵磊');
      await kangheng.page.reload();
      await field(kangheng.page, 'complainant.name').waitFor();
      await kangheng.page.waitForTimeout(500);
      expect(await field(kangheng.page, 'complainant.contactName').inputValue()).toBe('赵磊');
    } finally {
      await kangheng.context.close();
    }
    // An agent, whose complaints were its clients': nothing is assumed; the client is picked from the earlier ones.
    const agent = await wizardAs('agent@demo.example');
    try {
      const source = field(agent.page, 'complainantSource');
      await source.locator('option', { hasText: '连云港康恒医药有限公司' }).waitFor({ state: 'attached' });
      expect(await field(agent.page, 'complainant.name').inputValue()).toBe('');
      expect(await source.locator('option', { hasText: '本单位登记信息：连云港知信专利代理事务所' }).count()).toBe(1);
      await source.selectOption({ label: '连云港康恒医药有限公司 (91320706MA1XK7H21A)' });
      expect(await field(agent.page, 'complainant.name').inputValue()).toBe('连云港康恒医药有限公司');
      expect(await field(agent.page, 'complainant.contactName').inputValue()).toBe('王敏');
      await agent.page.getByTestId('complainant-filled').waitFor();
      // A complaint begun for this client, its draft made and a file attached, then given up: the draft is withdrawn
      // (never submitted), and the wizard starts over empty, so that the next client's complaint does not carry it.
      const p = agent.page;
      const step = () => p.getByRole('button', { name: /^(下一步|保存草稿并继续)$/ }).click();
      const respondent = `海州区某药房-${Date.now().toString(36)}`;
      await step();
      await field(p, 'respondent.name').fill(respondent);
      await field(p, 'respondent.regionCode').fill('320706');
      await step();
      await field(p, 'ipRights[0].number').fill('ZL202310586421.6');
      await field(p, 'ipRights[0].title').fill('一种缓释片剂及其制备方法');
      await step();
      await p.getByLabel('销售', { exact: true }).check();
      await field(p, 'infringement.firstKnownAt').fill(today);
      await field(p, 'infringement.description').fill('被投诉方在其门店销售仿制委托人专利缓释片剂的产品。');
      await step();
      // Nothing ticked: the step says what to do, not the list's bounds.
      await step();
      expect(await p.getByTestId('error-requestedRemedies').textContent()).toBe('请至少选择一项');
      await p.getByLabel('停止侵权', { exact: true }).check();
      await step();
      await p.getByTestId('evidence-file').setInputFiles([{ name: '购买发票.pdf', mimeType: 'application/pdf', buffer: PDF }]);
      await p.getByTestId('upload-sha256').waitFor();
      // On a phone the evidence step fits: its table scrolls inside its box (the box grew to the table's width).
      await p.setViewportSize({ width: 390, height: 844 });
      type Doc = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
      expect(await p.evaluate(() => {
        const el = (globalThis as unknown as Doc).document.documentElement;
        return el.scrollWidth - el.clientWidth;
      })).toBeLessThanOrEqual(0);
      await p.setViewportSize({ width: 1280, height: 900 });
      const draftId = (JSON.parse((await p.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(Object.keys((globalThis as unknown as { localStorage: object }).localStorage).find((k) => k.endsWith('.progress'))!))) ?? 'null') as { id: string }).id;
      await p.getByTestId('discard-draft').click();
      expect(await p.getByTestId('discard-confirm').textContent()).toContain('1 份证据');
      await p.getByTestId('discard-confirm').getByRole('button', { name: '确定放弃' }).click();
      await p.getByTestId('discard-confirm').waitFor({ state: 'detached' });
      await field(p, 'complainant.name').waitFor();
      expect(await field(p, 'complainant.name').inputValue()).toBe('');
      const agentApi = await apiAs('agent@demo.example');
      expect(await agentApi<{ state: string; outcome: string; caseNumber: string | null }>('GET', `/cases/${draftId}`)).toMatchObject({ state: 'closed', outcome: 'withdrawn', caseNumber: null });
      // Nothing of it comes back with a reload: no draft, no fields kept (nothing to discard).
      await p.reload();
      await field(p, 'complainant.name').waitFor();
      await p.getByTestId('complainant-filled').or(field(p, 'complainantSource')).first().waitFor();
      expect(await field(p, 'complainant.name').inputValue()).toBe('');
      expect(await p.getByTestId('discard-draft').count()).toBe(0);
    } finally {
      await agent.context.close();
    }
    // An enterprise filing its first complaint: its record (name, USCC, region) and the user as the contact.
    const admin = await apiAs('admin@demo.example');
    const tag = Date.now().toString(36).toUpperCase().replace(/[IOSVZ]/g, '0');
    const name = `连云港新材料科技有限公司-${tag}`;
    const uscc = `91320703MA${tag.padStart(8, '0').slice(-8)}`;
    const org = await admin<{ id: string }>('POST', '/admin/organizations', { name, kind: 'enterprise', uscc, regionCode: '320703' });
    const own = 'first complaint 2026 password';
    // An account the administrator makes, whose holder has replaced the one-time password with `own`.
    const account = async (organizationId: string, email: string, displayName: string, language?: 'en') => {
      const created = await admin<{ oneTimePassword: string }>('POST', '/admin/users', { email, displayName, role: 'enterprise', organizationId, ...(language ? { language } : {}) });
      const login = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: created.oneTimePassword }) });
      const changed = await fetch(`${baseUrl()}/api/v1/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` },
        body: JSON.stringify({ currentPassword: created.oneTimePassword, newPassword: own }),
      });
      expect(changed.status).toBe(200);
    };
    const email = `first-${tag.toLowerCase()}@newmaterial.example`;
    await account(org.id, email, '孙悦');
    const first = await wizardAs(email, own);
    try {
      await first.page.getByTestId('complainant-filled').waitFor();
      expect(await first.page.getByTestId('complainant-filled').textContent()).toContain('登记信息');
      expect(await field(first.page, 'complainant.name').inputValue()).toBe(name);
      expect(await field(first.page, 'complainant.uscc').inputValue()).toBe(uscc);
      expect(await field(first.page, 'complainant.regionCode').inputValue()).toBe('320703');
      expect(await field(first.page, 'complainant.contactName').inputValue()).toBe('孙悦');
      expect(await field(first.page, 'complainant.contactEmail').inputValue()).toBe(email);
    } finally {
      await first.context.close();
    }
    // A company abroad (no USCC, no region on record), its account in English: the screens speak English from the
    // sign-in on, and its country is asked, not assumed to be China.
    const foreignName = `Rheinwerk Optik GmbH ${tag}`;
    const foreignOrg = await admin<{ id: string }>('POST', '/admin/organizations', { name: foreignName, kind: 'enterprise' });
    const foreignEmail = `ip-${tag.toLowerCase()}@rheinwerk.example`;
    await account(foreignOrg.id, foreignEmail, 'Anna Weber', 'en');
    const foreign = await wizardAs(foreignEmail, own);
    try {
      await foreign.page.getByTestId('complainant-filled').waitFor();
      expect(await foreign.page.getByTestId('complainant-filled').textContent()).toContain("your organisation's record");
      expect(await field(foreign.page, 'complainant.name').inputValue()).toBe(foreignName);
      expect(await field(foreign.page, 'complainant.country').inputValue()).toBe('');
      expect(await field(foreign.page, 'complainant.uscc').inputValue()).toBe('');
      expect(await foreign.page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await foreign.context.close();
    }
  });

  it('tabs share the session: a case opened in a new tab needs no second sign-in, and signing out or in in one tab does so in all', async () => {
    const { context, page: first } = await newPage(browser);
    try {
      await signIn(first, 'enterprise@demo.example');
      await first.waitForURL('**/portal');
      const caseLink = first.locator('a[href*="/portal/cases/"]').first();
      const href = (await caseLink.getAttribute('href'))!;
      // A new tab (as a middle click or a link from a notice opens it) goes straight to the case.
      const second = await context.newPage();
      await second.goto(href);
      await second.getByTestId('case-state').first().waitFor();
      expect(new URL(second.url()).pathname).toBe(href);
      await second.getByTestId('who').filter({ hasText: 'enterprise@demo.example' }).waitFor();
      // Reloaded, it keeps the session it took.
      await second.reload();
      await second.getByTestId('case-state').first().waitFor();
      // Signing out in one tab signs out the other, which says nothing of an expiry (the user chose to leave).
      await signOut(second);
      await first.waitForURL('**/login');
      expect(await first.getByTestId('session-ended').count()).toBe(0);
      // A sign-in in one tab reaches a tab waiting on the sign-in page.
      await second.locator('button.demo-account[data-email="examiner@demo.example"]').click();
      await second.locator('form button[type="submit"]').click();
      await first.waitForURL('**/work');
      await first.getByTestId('who').filter({ hasText: 'examiner@demo.example' }).waitFor();
      // A tab opened with no tab holding a session asks nobody and shows the sign-in page at once.
      const other = await newPage(browser);
      try {
        await other.page.goto(href);
        await other.page.waitForURL('**/login');
      } finally {
        await other.context.close();
      }
    } finally {
      await context.close();
    }
  });

  it('the administrator reads the triage rule sets and checks a new file before placing it', async () => {
    const { context, page: p } = await newPage(browser);
    try {
      await signIn(p, 'admin@demo.example');
      await p.goto('/admin#rule-sets');
      const row = p.getByTestId('rule-set-list').locator('tr[data-rule-set="2025-04-26"]');
      await row.waitFor();
      expect(await row.locator('td').nth(3).textContent()).toBe('现行');
      await row.getByRole('button', { name: '查看' }).click();
      const json = p.getByTestId('rule-set-json');
      await json.waitFor();
      const shown = JSON.parse((await json.textContent())!) as { version: string; effectiveFrom: string; criminalOffences: { thresholds: Record<string, number> }[] };
      expect(shown.version).toBe('2025-04-26');
      expect(shown.criminalOffences.length).toBeGreaterThan(0);
      // A new version made from it: checked, nothing stored.
      const next = { ...shown, version: '2090-01-01-draft', effectiveFrom: '2090-01-01' };
      const input = p.getByTestId('rule-set-file');
      await input.setInputFiles({ name: '2090-01-01.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
      const report = p.getByTestId('rule-set-check');
      await report.filter({ hasText: '2090-01-01' }).waitFor();
      expect(await report.textContent()).toContain('无需重启');
      // A broken one: every defect named by its place in the file.
      const broken = JSON.parse(JSON.stringify(next)) as typeof next;
      broken.criminalOffences[0].thresholds[Object.keys(broken.criminalOffences[0].thresholds)[0]] = -1;
      await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...broken, version: '2025-04-26' })) });
      await report.filter({ hasText: 'broken.json' }).waitFor();
      const text = (await report.textContent())!;
      expect(text).toContain('不能采用');
      expect(text).toContain('criminalOffences[0].thresholds.');
      // Not JSON at all: said so, by the file's name.
      await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ version: ') });
      await p.getByText('notes.json 不是有效的 JSON 文件').waitFor();
      // The list is as it was.
      expect(await p.getByTestId('rule-set-list').locator('tr[data-rule-set="2090-01-01-draft"]').count()).toBe(0);
      await screenshot(p, '26-admin-rule-sets');
    } finally {
      await context.close();
    }
  });

  it('a correction request shows the examiner\'s message, and the stopped screening clock reads as stopped, not as running', async () => {
    const examiner = await apiAs('examiner@demo.example');
    const draft = await fileThroughApi('被投诉方在其诊所销售仿制我公司专利缓释片剂的产品。', ['stop_infringement']);
    await examiner('POST', `/cases/${draft.id}/actions/request_correction`, { items: ['权属证明'], message: '请上传专利证书及年费缴纳凭证的扫描件。' });
    await signIn(page, 'enterprise@demo.example');
    await page.goto(`/portal/cases/${draft.id}`);
    await page.getByTestId('correction-message').filter({ hasText: '请上传专利证书及年费缴纳凭证的扫描件。' }).waitFor();
    const screening = page.locator('tr[data-stage="screening"]');
    await screening.getByTestId('countdown').filter({ hasText: '计时中止' }).waitFor();
    expect(await screening.getByTestId('deadline-due').textContent()).toContain('计时中止');
    // The correction period runs.
    await page.locator('tr[data-stage="awaiting_correction"]').getByTestId('countdown').filter({ hasText: '剩余' }).waitFor();
    await screenshot(page, '25-correction-requested');
    // An edit saved without resubmitting is kept (the page reads the case again); a file added counts at once.
    const editor = page.getByTestId('correction-editor');
    await field(editor, 'complainant.contactPhone').fill('+86 518 8555 0199');
    await editor.getByTestId('save-only').click();
    await page.getByTestId('timeline').getByText('修改投诉').first().waitFor();
    await page.reload();
    expect(await field(page.getByTestId('correction-editor'), 'complainant.contactPhone').inputValue()).toBe('+86 518 8555 0199');
    expect(await page.getByTestId('case-state').first().getAttribute('data-state')).toBe('awaiting_correction');
    const before = await page.getByTestId('evidence-count').textContent();
    await page.getByTestId('correction-editor').getByTestId('evidence-file').setInputFiles([{ name: '专利证书.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await page.getByTestId('correction-editor').getByTestId('upload-sha256').waitFor();
    await page.getByTestId('evidence-count').filter({ hasNotText: before ?? '' }).waitFor();
    await signOut(page);
  });

  it('the administrator reads the mail the local sink kept (npm start sends none out), links and all', async () => {
    await signIn(page, 'admin@demo.example');
    await page.waitForURL('**/admin');
    const sink = page.locator('#mail-sink');
    // Newest first, a page at a time: "load more" adds the next page, none of it repeated.
    const rows = sink.getByTestId('sink-list').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    await sink.getByTestId('sink-more').click();
    await rows.nth(20).waitFor();
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-message-id')));
    expect(new Set(ids).size).toBe(ids.length);
    await sink.getByTestId('sink-search').fill('ip@kangheng.example');
    await sink.getByTestId('sink-list').locator('tr', { hasText: '投诉已收到' }).first().getByRole('button').click();
    const message = sink.getByTestId('sink-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('ip@kangheng.example');
    const link = message.locator('a[href*="/cases/"]').first();
    expect(await link.getAttribute('href')).toMatch(/\/cases\/[0-9a-f-]{36}/);
    await screenshot(page, '26-admin-local-mail');
    await signOut(page);
  });

  it('the administrator sees the registered-enterprise list and the holiday calendar, on a tablet', async () => {
    const tablet = await newPage(browser, { width: 820, height: 1180 });
    await signIn(tablet.page, 'admin@demo.example');
    await tablet.page.waitForURL('**/admin');
    await tablet.page.getByTestId('registered-list').getByText('91320706MA1XK7H21A').waitFor();
    await tablet.page.getByTestId('calendar-known').waitFor();
    await screenshot(tablet.page, '15-admin-tablet');
    // A mistyped date is named by the line it is on, next to its box (not as "holidays[1].from"); nothing is saved.
    const p = tablet.page;
    await p.locator('label', { hasText: '年份' }).locator('input').fill('2031');
    await p.getByTestId('calendar-known').waitFor();
    await field(p, 'holidays').fill('2031-01-01\n\n2031-02-30 2031-03-01');
    await field(p, 'workdays').fill('2031-02-09 2031-02-31');
    await p.getByRole('button', { name: '保存该年日历' }).click();
    await p.getByTestId('error-holidays').waitFor();
    expect(await p.getByTestId('error-holidays').textContent()).toMatch(/^第 3 行：/);
    expect(await p.getByTestId('error-workdays').textContent()).toMatch(/^第 1 行：/);
    expect(await p.getByTestId('calendar-known').textContent()).toContain('尚未录入');
    await tablet.context.close();
  });
  it('the respondent opens the link from the notice e-mail, reads the complaint, answers with evidence and keeps the receipt', async () => {
    // Arranged through the API: a complaint accepted into the fast track, one of its files shared with the respondent.
    const enterprise = await apiAs('enterprise@demo.example');
    const examiner = await apiAs('examiner@demo.example');
    const respondentEmail = `pharmacy-${Date.now().toString(36)}@shop.example`;
    const draft = await enterprise<{ id: string }>('POST', '/complaints', {
      language: 'zh-CN',
      complainant: { name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706', contactName: '王敏', contactEmail: 'ip@kangheng.example', contactPhone: null },
      respondent: { name: `海州区某药房-${Date.now().toString(36)}`, uscc: null, country: 'CN', regionCode: '320706', address: '连云港市海州区朝阳中路 1 号', onlineStoreUrl: null, platform: null, contactEmail: respondentEmail },
      ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: '连云港康恒医药有限公司', validUntil: '2043-05-10', niceClasses: null }],
      infringement: {
        conducts: ['sale'],
        channel: 'offline',
        industry: 'new_medicine',
        regionCode: '320706',
        firstKnownAt: today,
        description: '被投诉方在其门店销售仿制我公司专利缓释片剂的产品，包装与我司产品高度近似。',
        estimatedTurnoverCny: 80000,
        estimatedGainsCny: null,
        estimatedLossCny: null,
        priorWarningSent: false,
        urls: [],
      },
      requestedRemedies: ['stop_infringement', 'administrative_penalty'],
    });
    const shared = await uploadAs('enterprise@demo.example', draft.id, 'purchase_record', '公证购买发票.pdf', PDF);
    await uploadAs('enterprise@demo.example', draft.id, 'right_certificate', '专利证书.png', PNG);
    const submitted = await enterprise<{ caseNumber: string; triage: { recommendedRoute: string } }>('POST', `/cases/${draft.id}/actions/submit`, {});
    await examiner('POST', `/cases/${draft.id}/actions/accept`, { route: 'fast_track', ...(submitted.triage.recommendedRoute === 'fast_track' ? {} : { overrideReason: '专利权稳定、事实清楚，适用快速处理' }) });
    // The examiner shows the invoice to the respondent from the case page (the certificate stays with the center).
    await signIn(page, 'examiner@demo.example');
    await page.goto(`/work/cases/${draft.id}`);
    await page.getByRole('checkbox', { name: '向被投诉方提供 公证购买发票.pdf' }).click();
    await page.locator('input[data-testid="share-respondent"]:checked').waitFor();
    expect(await page.locator('input[data-testid="share-respondent"]:checked').count()).toBe(1);
    await screenshot(page, '15b-examiner-shares-evidence');
    await signOut(page);
    expect(shared.id).toMatch(/^[0-9a-f-]{36}$/);

    // The link, as the respondent receives it: from the notice in the SMTP sink.
    const [notice] = await mailTo(respondentEmail);
    const link = /https?:\/\/\S+\/respond\/[A-Za-z0-9_-]{43}/.exec(notice.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(link!.startsWith(baseUrl())).toBe(true);
    // The API serves the UI at the link, and no page of it sends the token on as a Referer.
    const html = await fetch(link!);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('referrer-policy')).toBe('no-referrer');

    // No account: a fresh browser, Chinese by default.
    const r = await newPage(browser);
    const p = r.page;
    await p.goto(link!);
    await p.getByTestId('complaint-summary').waitFor();
    expect(await p.getByRole('heading', { level: 2 }).first().textContent()).toContain(submitted.caseNumber);
    expect(await p.getByTestId('due-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} 24:00$/);
    expect(await p.getByTestId('shared-evidence').textContent()).toContain('公证购买发票.pdf');
    expect(await p.getByTestId('shared-evidence').textContent()).not.toContain('专利证书.png');
    expect(await p.getByTestId('who').count()).toBe(0);
    await screenshot(p, '16-respond-summary');

    // Checks in the browser first: a statement is required, and has 20 characters at least.
    const statementError = p.getByTestId('error-statement');
    await p.getByTestId('submit-answer').click();
    await statementError.waitFor();
    expect(await statementError.textContent()).toBe('此项为必填项');
    await field(p, 'statement').fill('不同意投诉。');
    await p.getByTestId('submit-answer').click();
    expect(await statementError.textContent()).toBe('长度必须在 20 到 20000 个字符之间');

    // A file the evidence store refuses: the API's 415 problem, in Chinese, next to the file input; the link stays usable.
    // Of two lines: the form sends its line break as CRLF, and the receipt still matches the text typed here.
    const statement = '本店销售的缓释片系从正规医药公司购进，有进货发票为证。\n不知道是侵权产品，收到通知后已下架停止销售。';
    await field(p, 'statement').fill(statement);
    await statementError.waitFor({ state: 'detached' });
    await p.getByTestId('answer-files').setInputFiles([{ name: '发票.exe', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('MZ'), randomBytes(64)]) }]);
    await p.getByTestId('submit-answer').click();
    const filesError = p.getByTestId('error-files');
    await filesError.waitFor();
    expect(await filesError.textContent()).toContain('文件类型不被接受');
    // The refused file is named, and marked in its own row.
    expect(await filesError.textContent()).toContain('发票.exe');
    expect(await p.getByTestId('upload-row').filter({ hasText: '发票.exe' }).getByRole('alert').textContent()).toContain('文件类型不被接受');
    await screenshot(p, '17-respond-api-field-error');
    await p.getByRole('button', { name: '移除 发票.exe' }).click();

    // The real invoice, as a purchase record: sent with the statement, progress shown, then the receipt.
    await p.getByTestId('answer-files').setInputFiles([{ name: '进货发票.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await p.getByLabel('证据类型: 进货发票.pdf').selectOption('purchase_record');
    await p.getByTestId('submit-answer').click();
    await p.getByTestId('answer-received').waitFor();
    const receipt = await p.getByTestId('answer-received').textContent();
    expect(receipt).toContain(submitted.caseNumber);
    expect(receipt).toContain(sha256(PDF));
    expect(receipt).toContain(sha256(Buffer.from(statement, 'utf8')));
    expect(await p.getByTestId('sha256-check').allTextContents()).toEqual(['（与本机计算一致）', '（与本机计算一致）'].map((x) => ` ${x}`));
    await screenshot(p, '18-respond-received');
    const answered = await examiner<{ respondentAnswer: string }>('GET', `/cases/${draft.id}`);
    expect(answered.respondentAnswer).toBe('answered');

    // The link is spent: opened again in this browser, it shows the receipt of the answer sent from here, in English too.
    await p.reload();
    await p.getByTestId('answer-received').getByText('此链接已使用').waitFor();
    await p.getByTestId('language-switch').click();
    await p.getByRole('heading', { name: /Answer received/ }).waitFor();
    await p.getByTestId('language-switch').click();
    // Elsewhere, or for a link that never existed, it says why such a link does not open.
    await p.goto(`/respond/${randomBytes(32).toString('base64url')}`);
    await p.getByTestId('link-unavailable').waitFor();
    expect(await p.getByTestId('link-unavailable').textContent()).toContain('答辩已经提交');
    await screenshot(p, '19-respond-link-unavailable');
    await r.context.close();
  });

  it('a mediator records a failed mediation: the next route must be chosen, and the page then says the case moved on (not "not found")', async () => {
    const examiner = await apiAs('examiner@demo.example');
    const supervisor = await apiAs('supervisor@demo.example');
    const mediator = await apiAs('mediator@demo.example');
    const submitted = await fileThroughApi('被投诉方诊所使用落入我司专利保护范围的缓释片剂，双方愿意先行调解。', ['mediation']);
    const draft = { id: submitted.id };
    await examiner('POST', `/cases/${draft.id}/actions/accept`, { route: 'mediation', ...(submitted.triage.recommendedRoute === 'mediation' ? {} : { overrideReason: '双方同意调解' }) });
    const me = await mediator<{ userId: string }>('GET', '/auth/me');
    await supervisor('POST', `/cases/${draft.id}/actions/assign_mediator`, { mediatorId: me.userId });

    await signIn(page, 'mediator@demo.example');
    await page.goto(`/work/cases/${draft.id}`);
    await page.locator('button[data-action="mediation_failed"]').click();
    const form = page.getByTestId('action-form-mediation_failed');
    expect(await form.locator('select').first().inputValue()).toBe('');
    await form.locator('textarea').fill('双方对赔偿数额分歧较大，调解未能达成一致。');
    await page.getByTestId('confirm-action').click();
    await form.getByTestId('error-nextRoute').waitFor();
    await form.locator('select').first().selectOption('administrative_enforcement');
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('handed-off').waitFor();
    expect(await page.getByTestId('handed-off').textContent()).toContain(submitted.caseNumber);
    await screenshot(page, '13b-mediator-handed-off');
    await page.getByTestId('handed-off').getByRole('link', { name: '返回列表' }).click();
    await page.waitForURL('**/work');
    await signOut(page);
  });

  it('an action on a case someone else changed meanwhile is not taken: the page says so and shows the case as it is; the all tab offers no claim outside the queue', async () => {
    const examiner = await apiAs('examiner@demo.example');
    const filed = await fileThroughApi('被投诉方诊所使用落入我司专利保护范围的缓释片剂，我方已公证取证。', ['stop_infringement']);
    await signIn(page, 'examiner@demo.example');
    await page.goto(`/work/cases/${filed.id}`);
    await waitState('screening');
    // A colleague asks for a correction while this page still shows screening.
    await examiner('POST', `/cases/${filed.id}/actions/request_correction`, { items: ['补充专利证书'], message: '请补充专利证书' });
    await page.locator('button[data-action="reject"]').click();
    await page.getByTestId('action-form-reject').locator('textarea').fill('不属于本中心受理范围。');
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('case-stale').waitFor();
    await waitState('awaiting_correction');
    expect(await page.getByTestId('action-form-reject').count()).toBe(0);
    expect((await examiner<{ state: string }>('GET', `/cases/${filed.id}`)).state).toBe('awaiting_correction');
    // The examiner's "all" tab lists every stage: only the examiners' own queue offers a claim (a mediation or a
    // bureau's case answered a claim with a confusing 409 before).
    await page.goto('/work');
    await page.getByRole('tab', { name: '全部' }).click();
    const rows = page.getByTestId('case-row');
    await rows.first().waitFor();
    let others = 0;
    for (const row of await rows.all()) {
      const state = (await row.getByTestId('case-state').first().getAttribute('data-state')) ?? '';
      const examiners = ['screening', 'awaiting_correction', 'customs_referral', 'court_referral'].includes(state) || state.startsWith('fast_track.');
      if (examiners) continue;
      others++;
      expect(await row.getByRole('button', { name: /^认领/ }).count()).toBe(0);
    }
    expect(others).toBeGreaterThan(0);
    await signOut(page);
  });

  it('a working user\'s session is renewed before its token expires; a session ended under the user says why, and signing in returns to the page', async () => {
    const r = await newPage(browser);
    const p = r.page;
    await p.clock.install();
    await signIn(p, 'examiner@demo.example');
    await p.waitForURL('**/work');
    // The page's own storage (the tests compile without the DOM's types; the page's CSP allows no code as strings).
    type PageStorage = { sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } };
    const expiresAt = () =>
      p.evaluate(() => (JSON.parse((globalThis as unknown as PageStorage).sessionStorage.getItem('lyg.session') ?? 'null') as { expiresAt: number } | null)?.expiresAt ?? 0);
    const first = await expiresAt();
    // Working (a click), then 14 minutes on: the token is renewed before its 15 minutes are up, the screen stays.
    await p.getByTestId('who').click();
    const renewal = p.waitForResponse((res) => res.url().endsWith('/api/v1/auth/refresh'));
    await p.clock.fastForward('14:00');
    expect((await renewal).status()).toBe(200);
    // The session now ends 15 minutes after the renewal, not after the sign-in (the page's clock is 14 minutes on).
    for (const until = Date.now() + 10_000; (await expiresAt()) === first && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect((await expiresAt()) - first).toBeGreaterThanOrEqual(14 * 60_000);
    expect(new URL(p.url()).pathname).toBe('/work');
    // Idle from here: no renewal, and a token the server no longer takes (here: spoiled) ends the session under the
    // user. The sign-in page says so; signing in brings them back where they were.
    await p.locator('a[href*="/work/cases/"]').first().click();
    await p.waitForURL('**/work/cases/**');
    const target = new URL(p.url()).pathname;
    await p.evaluate(() => {
      const { sessionStorage } = globalThis as unknown as PageStorage;
      const s = JSON.parse(sessionStorage.getItem('lyg.session')!) as { token: string };
      sessionStorage.setItem('lyg.session', JSON.stringify({ ...s, token: `${s.token}x` }));
    });
    await p.reload();
    await p.getByTestId('session-ended').waitFor();
    expect(await p.getByTestId('session-ended').textContent()).toContain('登录已过期');
    await p.locator('button.demo-account[data-email="examiner@demo.example"]').click();
    await p.locator('form button[type="submit"]').click();
    await p.waitForURL(`**${target}`);
    await p.getByTestId('case-state').first().waitFor();
    await r.context.close();
  });

  it('a supervisor reassigns a case by picking a colleague by name', async () => {
    const enterprise = await apiAs('enterprise2@demo.example');
    const draft = await enterprise<{ id: string }>('POST', '/complaints', {
      language: 'zh-CN',
      complainant: { name: '连云港海信新材料有限公司', uscc: '91320703MA20QW5L3D', country: 'CN', size: 'sme', regionCode: '320703', contactName: '李娜', contactEmail: 'ip@haixin.example', contactPhone: null },
      respondent: { name: `赣榆区某建材店-${Date.now().toString(36)}`, uscc: null, country: 'CN', regionCode: '320707', address: null, onlineStoreUrl: null, platform: null, contactEmail: null },
      ipRights: [{ type: 'trademark', number: '38126547', title: '海信新材', holder: '连云港海信新材料有限公司', validUntil: '2031-06-20', niceClasses: [19] }],
      infringement: {
        conducts: ['sale'],
        channel: 'offline',
        industry: 'new_materials',
        regionCode: '320707',
        firstKnownAt: today,
        description: '被投诉方销售标有与我司注册商标近似标识的防水卷材。',
        estimatedTurnoverCny: 20000,
        estimatedGainsCny: null,
        estimatedLossCny: null,
        priorWarningSent: false,
        urls: [],
      },
      requestedRemedies: ['stop_infringement'],
    });
    await enterprise('POST', `/cases/${draft.id}/actions/submit`, {});

    await signIn(page, 'supervisor@demo.example');
    await page.goto(`/work/cases/${draft.id}`);
    const form = page.getByTestId('reassign-form');
    // Only those whose queue takes a case in screening are offered: examiners and the supervisors, no mediator or
    // officer (the API would refuse them).
    const roleFilter = form.locator('label', { hasText: '角色' }).locator('select');
    await roleFilter.locator('option').first().waitFor({ state: 'attached' });
    expect(await roleFilter.locator('option').allTextContents()).toEqual(['全部', '审查员', '主任']);
    await roleFilter.selectOption('');
    await form.getByTestId('staff-select').locator('option', { hasText: '陈审查员' }).waitFor({ state: 'attached' });
    expect(await form.getByTestId('staff-select').locator('option', { hasText: /调解员|执法人员/ }).count()).toBe(0);
    // In screening the list starts with the examiners, by name (no account ids to type).
    const option = form.getByTestId('staff-select').locator('option', { hasText: '陈审查员' });
    await option.waitFor({ state: 'attached' });
    await form.getByTestId('staff-select').selectOption((await option.getAttribute('value'))!);
    await form.getByRole('button', { name: '改派' }).click();
    await page.getByTestId('assignee').filter({ hasText: '陈审查员' }).waitFor();
    await screenshot(page, '20-supervisor-reassign-by-name');
    // The history says to whom, by name.
    await page.getByTestId('timeline').getByText('承办人: 陈审查员').waitFor();
    await signOut(page);
  });

  it('the administrator creates an account whose one-time password must be replaced at the first sign-in, then deactivates it', async () => {
    page.on('dialog', (d) => void d.accept());
    await signIn(page, 'admin@demo.example');
    await page.waitForURL('**/admin');
    await page.getByTestId('user-list').getByText('examiner@demo.example').waitFor();
    const create = page.getByTestId('user-create');

    // An address that is taken: the API's field error next to the e-mail input.
    await field(create, 'email').fill('examiner@demo.example');
    await field(create, 'displayName').fill('周审查员');
    await field(create, 'role').selectOption('examiner');
    const org = create.locator('[data-field="organizationId"] select');
    await org.locator('option', { hasText: '中国(连云港)知识产权保护中心' }).waitFor({ state: 'attached' });
    await org.selectOption({ index: 1 });
    await create.getByTestId('create-user').click();
    const emailError = create.getByTestId('error-email');
    await emailError.waitFor();
    expect(await emailError.textContent()).toBe('该值已被使用');

    // The organisations list counts the center's accounts: read again when one is added (no reload needed).
    const centerAccounts = page.locator('tr[data-organization="中国(连云港)知识产权保护中心"] td').nth(4);
    const before = ((await centerAccounts.textContent()) ?? '').trim();
    const total = Number(before.split('/')[1]);
    expect(total).toBeGreaterThan(0);
    expect(await org.locator('option:checked').textContent()).toContain('中国(连云港)知识产权保护中心');
    const address = `zhou-${Date.now().toString(36)}@center.example`;
    await field(create, 'email').fill(address);
    await create.getByTestId('create-user').click();
    await page.locator('tr[data-organization="中国(连云港)知识产权保护中心"]').filter({ hasText: new RegExp(`\\d+/${total + 1}`) }).waitFor();
    const otp = (await page.getByTestId('otp-value').textContent())!.trim();
    expect(otp).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await page.getByTestId('user-list').locator(`tr[data-email="${address}"]`).waitFor();
    await screenshot(page, '21-admin-accounts');
    await signOut(page);

    // The new examiner signs in with the one-time password and has to choose a password before anything else.
    await page.goto('/login');
    await field(page, 'email').fill(address);
    await field(page, 'password').fill(otp);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL('**/password');
    await page.getByTestId('password-change-required').waitFor();
    await page.goto('/work');
    await page.waitForURL('**/password');
    await field(page, 'currentPassword').fill(otp);
    await field(page, 'newPassword').fill('海州区 examiner 2026 password');
    await field(page, 'repeat').fill('海州区 examiner 2026 password');
    await screenshot(page, '22-change-password');
    await page.getByTestId('save-password').click();
    await page.waitForURL('**/work');
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await signOut(page);

    // The administrator deactivates the account: it can no longer sign in.
    await signIn(page, 'admin@demo.example');
    await page.getByTestId('user-search').fill(address);
    const row = page.getByTestId('user-list').locator(`tr[data-email="${address}"]`);
    await row.getByRole('button', { name: `停用 ${address}` }).click();
    await row.getByTestId('user-status').filter({ hasText: '已停用' }).waitFor();
    const login = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address, password: '海州区 examiner 2026 password' }) });
    expect(login.status).toBe(401);
    await signOut(page);
  });

  it('the administrator adds an organisation, deactivates it (its accounts can no longer sign in) and reactivates it', async () => {
    // The confirmation is accepted (an earlier test of this page may have said so already).
    page.on('dialog', (d) => void d.accept().catch(() => undefined));
    await signIn(page, 'admin@demo.example');
    await page.waitForURL('**/admin');
    const name = `连云港市海州区市场监督管理局-${Date.now().toString(36)}`;
    const create = page.getByTestId('organization-create');
    await field(create, 'name').fill(name);
    await field(create, 'kind').selectOption('market_regulation');
    await create.locator('button[type="submit"]').click();
    const row = page.getByTestId('organization-list').locator(`tr[data-organization="${name}"]`);
    await row.waitFor();
    const admin = await apiAs('admin@demo.example');
    const orgs = await admin<{ items: { id: string; name: string }[] }>('GET', `/admin/organizations?q=${encodeURIComponent(name)}`);
    const created = await admin<{ user: { email: string }; oneTimePassword: string }>('POST', '/admin/users', {
      email: `officer-${Date.now().toString(36)}@haizhou.example`,
      displayName: '海州区执法员',
      role: 'officer',
      organizationId: orgs.items[0].id,
    });
    const signInAs = () =>
      fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: created.user.email, password: created.oneTimePassword }) });
    expect((await signInAs()).status).toBe(200);

    await row.getByRole('button', { name: `停用 ${name}` }).click();
    await row.locator('td', { hasText: '已停用' }).waitFor();
    await screenshot(page, '23-admin-organisation-deactivated');
    expect((await signInAs()).status).toBe(401);

    await row.getByRole('button', { name: `启用 ${name}` }).click();
    await row.locator('td', { hasText: '启用' }).first().waitFor();
    expect((await signInAs()).status).toBe(200);
    await signOut(page);
  });

  it('deactivating an agency that works referred cases asks for a successor and hands them over', async () => {
    // Arranged through the API: a case referred to customs (the demo 连云港海关), and a second customs office.
    const enterprise = await apiAs('enterprise@demo.example');
    const examiner = await apiAs('examiner@demo.example');
    const admin = await apiAs('admin@demo.example');
    const draft = await enterprise<{ id: string }>('POST', '/complaints', {
      language: 'zh-CN',
      complainant: { name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706', contactName: '王敏', contactEmail: 'ip@kangheng.example', contactPhone: null },
      respondent: { name: `连云港某进出口贸易公司-${Date.now().toString(36)}`, uscc: null, country: 'CN', regionCode: '320703', address: null, onlineStoreUrl: null, platform: null, contactEmail: null },
      ipRights: [{ type: 'trademark', number: '29384756', title: '康恒', holder: '连云港康恒医药有限公司', validUntil: '2032-03-01', niceClasses: [5] }],
      infringement: {
        conducts: ['export'], channel: 'cross_border', industry: 'new_medicine', regionCode: '320703', firstKnownAt: today,
        description: '被投诉方经连云港口岸出口假冒我司注册商标的药品。', estimatedTurnoverCny: 50000, estimatedGainsCny: null, estimatedLossCny: null, priorWarningSent: false, urls: [],
      },
      requestedRemedies: ['stop_infringement', 'customs_detention'],
    });
    await enterprise('POST', `/cases/${draft.id}/actions/submit`, {});
    await examiner('POST', `/cases/${draft.id}/actions/accept`, { route: 'customs_referral', overrideReason: '涉及口岸进出口' });
    const successorName = `连云港海关驻港口办事处-${Date.now().toString(36)}`;
    const successor = await admin<{ id: string }>('POST', '/admin/organizations', { name: successorName, kind: 'customs' });
    type Org = { id: string; name: string; openTransfers: number; active: boolean };
    const customs = async () => (await admin<{ items: Org[] }>('GET', '/admin/organizations?kind=customs&limit=100')).items;
    const demo = (await customs()).find((o) => o.name === '连云港海关')!;
    expect(demo.openTransfers).toBeGreaterThanOrEqual(1);

    await signIn(page, 'admin@demo.example');
    await page.waitForURL('**/admin');
    const row = page.getByTestId('organization-list').locator('tr[data-organization="连云港海关"]');
    await row.getByRole('button', { name: '停用 连云港海关' }).click();
    const panel = page.getByTestId('organization-handover');
    await panel.getByText(`尚有 ${demo.openTransfers} 件移送案件未办结`).waitFor();
    await panel.locator('select').selectOption({ label: successorName });
    await screenshot(page, '24-admin-organisation-handover');
    await panel.getByRole('button', { name: '停用并移交' }).click();
    await row.locator('td', { hasText: '已停用' }).waitFor();
    const after = await customs();
    expect(after.find((o) => o.id === demo.id)).toMatchObject({ active: false, openTransfers: 0 });
    expect(after.find((o) => o.id === successor.id)).toMatchObject({ active: true, openTransfers: demo.openTransfers });

    // The demo office comes back (it receives new referrals again); the cases stay with the successor.
    await admin('PATCH', `/admin/organizations/${demo.id}`, { active: true });
    await signOut(page);
  });
});
