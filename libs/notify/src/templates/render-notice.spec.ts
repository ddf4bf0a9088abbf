import { NOTICE_TEMPLATES } from '@lyg/domain';
import { renderNotice } from './render-notice';

const sample = {
  caseNumber: 'LYG-IP-2026-000123',
  caseId: '6f1d2c1e-8a53-4a55-9a43-2b0c7e1d9f10',
  complainantName: '连云港康恒医药有限公司',
  respondentName: '海州区某药房',
  state: 'screening',
  route: 'fast_track',
  nextRoute: 'court_referral',
  stage: 'mediation.mediating',
  agency: 'police',
  outcome: 'infringement_established',
  period: 15,
  dueDate: '2026-12-10',
  dueAt: '2026-12-11T00:00:00+08:00',
  items: ['补充专利证书复印件', 'Upload the notarised purchase receipt'],
  message: '请在期限内补正。',
  reason: '证据不足',
  reasons: ['投诉人不是权利人或利害关系人', 'The right has expired'],
  legalBasis: '专利法第六十五条',
  link: 'https://ipcenter.lyg.example/cases/6f1d2c1e-8a53-4a55-9a43-2b0c7e1d9f10',
};

const HOLES = /undefined|null|NaN|\[object Object\]|\{|\}/;
const CJK = /[\u4e00-\u9fff]/;

describe('renderNotice', () => {
  describe.each(NOTICE_TEMPLATES)('%s', (template) => {
    it('in Chinese carries the case number, the deadline, the items and the center, with no holes', () => {
      const n = renderNotice(template, 'zh-CN', sample);
      expect(n.subject).toContain('LYG-IP-2026-000123');
      expect(n.subject).toMatch(CJK);
      for (const part of [n.text, n.html]) {
        expect(part).toContain('LYG-IP-2026-000123');
        expect(part).toContain('中国(连云港)知识产权保护中心');
        expect(part).toContain('2026-12-10 24:00');
        expect(part).toContain('补充专利证书复印件');
        expect(part).toContain('快速维权');
        expect(part).toContain('投诉人不是权利人或利害关系人');
        expect(part).toContain('专利法第六十五条');
        expect(part).not.toMatch(HOLES);
      }
      expect(n.html).toContain('<html lang="zh-CN">');
      expect(n.html).toContain(`href="${sample.link}"`);
    });

    it('in English speaks English, with the same facts', () => {
      const n = renderNotice(template, 'en', sample);
      expect(n.subject).toMatch(/^\[Case LYG-IP-2026-000123\] [A-Z]/);
      expect(n.subject).not.toMatch(CJK);
      for (const part of [n.text, n.html]) {
        expect(part).toContain('China (Lianyungang) IP Protection Center');
        expect(part).toContain('Case number');
        expect(part).toContain('2026-12-10 24:00 (Beijing time)');
        expect(part).toContain('Upload the notarised purchase receipt');
        expect(part).toContain('fast track');
        expect(part).not.toContain('您好');
        expect(part).not.toMatch(HOLES);
      }
      expect(n.html).toContain('<html lang="en">');
    });

    it('with no data at all leaves the lines out instead of printing holes', () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        const n = renderNotice(template, lang, {});
        for (const part of [n.subject, n.text, n.html]) expect(part).not.toMatch(HOLES);
        expect(n.text).not.toMatch(/案件编号：|Case number: |截止时间：|Deadline: /);
        expect(n.html).not.toContain('<table style="margin:16px 0');
      }
    });
  });

  it('a correction request lists every item to fix, numbered, under its deadline label', () => {
    const n = renderNotice('correction_requested', 'zh-CN', { caseNumber: 'LYG-IP-2026-000001', items: ['一', '二'], dueDate: '2026-12-10' });
    expect(n.text).toContain('补正截止时间：2026-12-10 24:00（北京时间）');
    expect(n.text).toContain('需补正事项：\n  1. 一\n  2. 二');
    expect(n.html).toMatch(/<ol[^>]*><li>一<\/li><li>二<\/li><\/ol>/);
  });

  it('an extension is told in the period\'s own unit: working days for a filing review, days for an investigation', () => {
    const review = renderNotice('deadline_extended', 'zh-CN', { stage: 'administrative_enforcement.filing_review', period: 15, clock: 'working_days' });
    expect(review.text).toContain('延长期限：15 个工作日');
    const investigation = renderNotice('deadline_extended', 'en', { stage: 'administrative_enforcement.investigating', period: 30, clock: 'calendar_days' });
    expect(investigation.text).toContain('Extended by: 30 days');
  });

  it("a referral names what the agency's deadline is for: receipt for customs, the decision whether to file for a court", () => {
    const customs = renderNotice('referral_received', 'zh-CN', { caseNumber: 'LYG-IP-2026-000001', agency: 'customs', dueDate: '2026-12-10' });
    expect(customs.text).toContain('确认接收截止时间：2026-12-10');
    const court = renderNotice('referral_received', 'en', { caseNumber: 'LYG-IP-2026-000001', agency: 'court', dueDate: '2026-12-14' });
    expect(court.text).toContain('Decide on filing by: 2026-12-14');
    expect(court.text).not.toContain('Acknowledge by');
  });

  it('a non-acceptance gives the reasons and their legal basis', () => {
    const n = renderNotice('complaint_not_accepted', 'en', {
      caseNumber: 'LYG-IP-2026-000002',
      reasons: ['The complaint names no infringing conduct', 'The right has lapsed'],
      legalBasis: ['Patent Law Art. 65', 'SAMR complaint rules Art. 14'],
    });
    expect(n.text).toContain('Grounds:\n  1. The complaint names no infringing conduct\n  2. The right has lapsed');
    expect(n.text).toContain('Legal basis:\n  1. Patent Law Art. 65\n  2. SAMR complaint rules Art. 14');
  });

  it('an instant deadline is shown in Beijing time, and a midnight one as 24:00 of the day before', () => {
    expect(renderNotice('case_transferred', 'zh-CN', { dueAt: '2026-11-26T09:30:00Z' }).text).toContain('2026-11-26 17:30（北京时间）');
    expect(renderNotice('case_transferred', 'en', { dueAt: '2026-12-31T16:00:00Z' }).text).toContain('2026-12-31 24:00 (Beijing time)');
  });

  it('labels routes, outcomes, stages and agencies in the reader language, and prints unknown codes as they are', () => {
    const zh = renderNotice('agency_outcome_reported', 'zh-CN', { outcome: 'customs_detained', stage: 'police_transfer_review.awaiting_police_decision', agency: 'customs', route: 'new_route' });
    expect(zh.text).toContain('处理结果：海关已扣留侵权嫌疑货物');
    expect(zh.text).toContain('所涉阶段：等待公安机关立案决定');
    expect(zh.text).toContain('接收机关：海关');
    expect(zh.text).toContain('处理途径：new_route');
    const en = renderNotice('mediation_failed', 'en', { nextRoute: 'administrative_enforcement' });
    expect(en.text).toContain('Next route: administrative enforcement');
  });

  it('escapes HTML in every value and never links anything but http(s)', () => {
    const n = renderNotice('correction_requested', 'en', {
      caseNumber: 'LYG-IP-2026-000003',
      complainantName: 'Acme <script>alert(1)</script> & "Sons"',
      items: ['<img src=x onerror=alert(1)>'],
      link: 'javascript:alert(1)',
    });
    expect(n.html).not.toMatch(/<script|<img/);
    expect(n.html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;');
    expect(n.html).not.toContain('javascript:');
    expect(n.text).not.toContain('javascript:');
    expect(n.text).toContain('Acme <script>alert(1)</script> & "Sons"');
  });

  it('keeps the subject on one line whatever the case number holds', () => {
    expect(renderNotice('case_decided', 'en', { caseNumber: 'LYG\r\nBcc: x@example.com' }).subject).not.toMatch(/[\r\n]/);
  });

  it('refuses a template it does not know', () => {
    expect(() => renderNotice('no_such_notice' as never, 'en', {})).toThrow(/unknown notice template/);
  });
});
