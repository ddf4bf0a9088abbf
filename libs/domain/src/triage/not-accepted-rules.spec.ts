import {
  KANGHENG_USCC,
  PHARMACY_USCC,
  aPriorCase,
  aRight,
  daysBeforeSubmission,
  ruleIds,
  triageOf,
} from './testing';

const screeningIds = (result: { reasons: { ruleId: string }[] }): string[] =>
  result.reasons.map((r) => r.ruleId).filter((id) => !id.startsWith('F-'));

describe('section 2 — not accepted', () => {
  describe('N1 right not in force', () => {
    it('does not accept a complaint whose only patent expired before the infringement became known', () => {
      const result = triageOf({ ipRights: [aRight('invention_patent', { validUntil: '2026-10-07' })] });
      expect(result).toMatchObject({ recommendedRoute: 'not_accepted', competentAgency: null, targetDays: null });
      expect(screeningIds(result)).toEqual(['N1']);
      expect(result.reasons[0]?.message.zh).toContain('2026-10-07');
    });

    it('accepts a right that expires on the day the infringement became known', () => {
      expect(triageOf({ ipRights: [aRight('invention_patent', { validUntil: '2026-10-08' })] }).recommendedRoute).toBe('fast_track');
    });

    it('accepts when one of several rights is still in force', () => {
      const rights = [aRight('invention_patent', { validUntil: '2020-01-01' }), aRight('design_patent')];
      expect(triageOf({ ipRights: rights }).recommendedRoute).not.toBe('not_accepted');
    });

    it('accepts an expired right together with a right whose term is not given', () => {
      const rights = [aRight('trademark', { validUntil: '2020-01-01' }), aRight('trademark', { number: '7654321', validUntil: null })];
      expect(triageOf({ ipRights: rights }).recommendedRoute).not.toBe('not_accepted');
    });

    it('never fires for copyright, even with a past date in validUntil', () => {
      const rights = [aRight('copyright', { validUntil: '2001-01-01' }), aRight('invention_patent', { validUntil: '2020-01-01' })];
      expect(triageOf({ ipRights: rights }).recommendedRoute).not.toBe('not_accepted');
      expect(triageOf({ ipRights: [aRight('copyright', { validUntil: '2001-01-01' })] }).recommendedRoute).not.toBe('not_accepted');
    });
  });

  describe('N2 limitation expired', () => {
    it('does not accept an infringement known 1,096 days before submission', () => {
      const result = triageOf({ infringement: { firstKnownAt: daysBeforeSubmission(1096) } });
      expect(result.recommendedRoute).toBe('not_accepted');
      expect(screeningIds(result)).toEqual(['N2']);
      expect(result.reasons[0]?.message.en).toContain('1,096 days');
    });

    it('accepts exactly 1,095 days ("more than 3 years" is strict)', () => {
      expect(triageOf({ infringement: { firstKnownAt: daysBeforeSubmission(1095) } }).recommendedRoute).not.toBe('not_accepted');
    });

    it('counts days in Shanghai: 00:30 Shanghai time is already the next day though UTC is not', () => {
      const submittedAt = '2026-11-24T16:30:00Z'; // 2026-11-25 00:30 in Shanghai
      const result = triageOf({ infringement: { firstKnownAt: daysBeforeSubmission(1096) } }, { submittedAt });
      expect(result.recommendedRoute).toBe('not_accepted');
    });
  });

  describe('N3 outside jurisdiction', () => {
    const nanjing = { regionCode: '320102' };

    it.each(['offline', 'exhibition'] as const)('%s: a Nanjing respondent acting in Nanjing is outside, even for a local complainant', (channel) => {
      const result = triageOf({ respondent: nanjing, infringement: { channel, regionCode: '320102' } });
      expect(result.recommendedRoute).toBe('not_accepted');
      expect(screeningIds(result)).toEqual(['N3']);
      expect(result.reasons[0]?.message.zh).toContain('3207');
    });

    it.each(['offline', 'exhibition'] as const)('%s: a Nanjing respondent acting in Lianyungang is inside', (channel) => {
      expect(triageOf({ respondent: nanjing, infringement: { channel, regionCode: '320706' } }).recommendedRoute).not.toBe('not_accepted');
    });

    it.each(['ecommerce', 'cross_border'] as const)('%s: a local complainant founds jurisdiction over a remote seller', (channel) => {
      const result = triageOf({ respondent: nanjing, infringement: { channel, regionCode: '320102' } });
      expect(result.recommendedRoute).not.toBe('not_accepted');
    });

    it.each(['ecommerce', 'cross_border'] as const)('%s: nobody in Lianyungang means outside', (channel) => {
      const result = triageOf({ complainant: { regionCode: '310115' }, respondent: nanjing, infringement: { channel, regionCode: null } });
      expect(result.recommendedRoute).toBe('not_accepted');
      expect(screeningIds(result)).toEqual(['N3']);
    });

    it('treats unknown region codes as outside', () => {
      const result = triageOf({ respondent: { regionCode: null }, infringement: { regionCode: null } });
      expect(screeningIds(result)).toEqual(['N3']);
    });
  });

  describe('N4 duplicate', () => {
    it('does not accept a second complaint about an open case, naming the earlier case', () => {
      const result = triageOf({}, { respondentHistory: [aPriorCase()] });
      expect(result.recommendedRoute).toBe('not_accepted');
      expect(screeningIds(result)).toEqual(['N4']);
      expect(result.reasons[0]?.message.zh).toContain('LYG-IP-2026-000012');
      expect(result.reasons[0]?.message.en).toContain('LYG-IP-2026-000012');
      expect(result.reasons[0]?.message.en).toContain('ZL202310586421.6');
    });

    it('matches parties without USCC by name after NFKC, trimming and removing spaces', () => {
      const result = triageOf(
        { respondent: { uscc: null, name: '海州区某药房（解放路店）' } },
        {
          respondentHistory: [
            aPriorCase({
              complainantUscc: null,
              complainantName: '\u3000连云港康恒医药 有限公司 ',
              respondentUscc: PHARMACY_USCC,
              respondentName: ' 海州区 某药房(解放路店)\u3000',
            }),
          ],
        },
      );
      expect(result.recommendedRoute).toBe('not_accepted');
      expect(screeningIds(result)).toEqual(['N4']);
    });

    it('is no duplicate once the earlier case is closed', () => {
      expect(triageOf({}, { respondentHistory: [aPriorCase({ terminal: true, outcome: 'settled' })] }).recommendedRoute).toBe('fast_track');
    });

    it('is no duplicate without a shared right number', () => {
      expect(triageOf({}, { respondentHistory: [aPriorCase({ rightNumbers: ['ZL202410052317.3'] })] }).recommendedRoute).toBe('fast_track');
    });

    it('is no duplicate when another complainant (another USCC, same name) filed it', () => {
      const other = aPriorCase({ complainantUscc: '91320703MA20QW5L3D' });
      expect(triageOf({}, { respondentHistory: [other] }).recommendedRoute).toBe('fast_track');
    });

    it('is no duplicate against another respondent whose name reads the same but whose USCC differs', () => {
      const other = aPriorCase({ respondentUscc: '92320706MA2B8R4N2X' });
      expect(triageOf({}, { respondentHistory: [other] }).recommendedRoute).toBe('fast_track');
    });

    it('does not find the case being re-triaged as its own duplicate', () => {
      const self = aPriorCase({ caseNumber: 'LYG-IP-2026-000123' });
      expect(triageOf({}, { respondentHistory: [self], caseNumber: 'LYG-IP-2026-000123' }).recommendedRoute).toBe('fast_track');
    });

    it('compares the complainant by USCC when both have one', () => {
      const renamed = aPriorCase({ complainantName: '康恒医药（旧名）', complainantUscc: KANGHENG_USCC });
      expect(triageOf({}, { respondentHistory: [renamed] }).recommendedRoute).toBe('not_accepted');
    });
  });

  it('lists every N rule that applies', () => {
    const result = triageOf(
      { respondent: { regionCode: '320102' }, infringement: { regionCode: '320102', firstKnownAt: daysBeforeSubmission(1200) } },
      { respondentHistory: [aPriorCase()] },
    );
    expect(screeningIds(result)).toEqual(['N2', 'N3', 'N4']);
    expect(ruleIds(result)).toContain('F-limitation_risk');
  });
});
