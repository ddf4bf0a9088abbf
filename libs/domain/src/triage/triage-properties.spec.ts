import fc from 'fast-check';
import { CHANNELS, COMPANY_SIZES, CONDUCTS, EVIDENCE_KINDS, INDUSTRIES, IP_RIGHT_TYPES, REMEDIES } from '../model';
import type { ComplaintInput } from '../model';
import { AGENT_USCC, KANGHENG_USCC, PHARMACY_USCC, aComplaint, aPriorCase, aRight, aTriageInput, daysBeforeSubmission } from './testing';
import { legalBasisEn } from './legal-basis-text';
import { RULE_SETS } from './rule-sets';
import { triage } from './triage';
import type { PriorCase, TriageInput } from './triage-input';

const amount = fc.option(fc.integer({ min: 0, max: 700_000 }), { nil: null });
const region = fc.constantFrom('320706', '320703', '320722', '320102', null);
// Mostly complete evidence, so that every section of the rules gets its share of decisions.
const evidenceArb = fc.oneof(
  { arbitrary: fc.constant(['right_certificate', 'screenshot', 'authorization_letter'] as const), weight: 4 },
  { arbitrary: fc.subarray([...EVIDENCE_KINDS]), weight: 1 },
);

const complaintArb: fc.Arbitrary<ComplaintInput> = fc
  .record({
    complainantUscc: fc.constantFrom(KANGHENG_USCC, KANGHENG_USCC, '91320703MA20QW5L3D', null),
    complainantRegion: region,
    respondentUscc: fc.constantFrom(PHARMACY_USCC, null),
    respondentRegion: region,
    respondentCountry: fc.constantFrom('CN', 'CN', 'VN'),
    rights: fc.array(fc.constantFrom(...IP_RIGHT_TYPES), { minLength: 1, maxLength: 3 }),
    conducts: fc.subarray([...CONDUCTS], { minLength: 1 }),
    channel: fc.constantFrom(...CHANNELS),
    industry: fc.constantFrom(...INDUSTRIES),
    infringementRegion: region,
    daysKnown: fc.integer({ min: 0, max: 1300 }),
    turnover: amount,
    gains: amount,
    loss: amount,
    warned: fc.boolean(),
    remedies: fc.subarray([...REMEDIES], { minLength: 1 }),
  })
  .map((c) =>
    aComplaint({
      complainant: { uscc: c.complainantUscc, regionCode: c.complainantRegion },
      respondent: { uscc: c.respondentUscc, regionCode: c.respondentRegion, country: c.respondentCountry },
      ipRights: c.rights.map((type, i) => aRight(type, i === 0 ? {} : { number: `${type}-${i}` })),
      infringement: {
        conducts: c.conducts,
        channel: c.channel,
        industry: c.industry,
        regionCode: c.infringementRegion,
        firstKnownAt: daysBeforeSubmission(c.daysKnown),
        estimatedTurnoverCny: c.turnover,
        estimatedGainsCny: c.gains,
        estimatedLossCny: c.loss,
        priorWarningSent: c.warned,
      },
      requestedRemedies: c.remedies,
    }),
  );

const priorCaseArb: fc.Arbitrary<PriorCase> = fc
  .record({
    respondentUscc: fc.constantFrom(PHARMACY_USCC, null),
    terminal: fc.boolean(),
    outcome: fc.constantFrom('infringement_established', 'penalized', 'settled'),
    daysAgo: fc.integer({ min: 0, max: 2500 }),
  })
  .map((p) =>
    aPriorCase({
      respondentUscc: p.respondentUscc,
      terminal: p.terminal,
      outcome: p.terminal ? p.outcome : null,
      closedAt: p.terminal ? daysBeforeSubmission(p.daysAgo) : null,
    }),
  );

const inputArb: fc.Arbitrary<TriageInput> = fc
  .record({
    complaint: complaintArb,
    evidenceKinds: evidenceArb,
    agent: fc.boolean(),
    history: fc.array(priorCaseArb, { maxLength: 3 }),
  })
  .map(({ complaint, evidenceKinds, agent, history }) =>
    aTriageInput({
      complaint,
      evidenceKinds: [...evidenceKinds],
      filingOrganization: { uscc: agent ? AGENT_USCC : complaint.complainant.uscc },
      respondentHistory: history,
    }),
  );

describe('equal protection (同保护)', () => {
  it("changing only the complainant's country, size or name changes neither route nor priority", () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.constantFrom('CN', 'US', 'DE', 'JP', 'KR', 'GB', 'FR'),
        fc.constantFrom(...COMPANY_SIZES),
        fc.string({ minLength: 1, maxLength: 30 }),
        (input, country, size, name) => {
          const { complainant } = input.complaint;
          // The name identifies the complainant for duplicate detection (N4) only when it has no USCC; then an
          // earlier complaint under the same name is the same party's, and a new name is another party.
          const nameIsIdentity = complainant.uscc === null && input.respondentHistory.length > 0;
          const changed: TriageInput = {
            ...input,
            complaint: {
              ...input.complaint,
              complainant: { ...complainant, country, size, name: nameIsIdentity ? complainant.name : name },
            },
          };
          const before = triage(input);
          const after = triage(changed);
          expect(after.recommendedRoute).toBe(before.recommendedRoute);
          expect(after.priority).toBe(before.priority);
          expect(after.flags.filter((f) => f !== 'foreign_related')).toEqual(before.flags.filter((f) => f !== 'foreign_related'));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('invariants of every decision', () => {
  it('keeps priority within 0-100, agencies on accepted routes only, and target days on the fast track only', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = triage(input);
        expect(result.priority).toBeGreaterThanOrEqual(40);
        expect(result.priority).toBeLessThanOrEqual(100);
        const screening = result.recommendedRoute === 'return_for_correction' || result.recommendedRoute === 'not_accepted';
        expect(result.competentAgency === null).toBe(screening);
        expect(result.targetDays === null).toBe(result.recommendedRoute !== 'fast_track');
        expect(result.flags.includes('criminal_threshold_reached') && result.flags.includes('criminal_threshold_near')).toBe(false);
        expect(result.reasons.filter((r) => r.ruleId.startsWith('F-')).map((r) => r.ruleId.slice(2))).toEqual(result.flags);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the legal basis of every reason', () => {
  it('has an English rendering under every built-in rule set (the English interface shows no Chinese-only citation)', () => {
    const missing = new Set<string>();
    for (const ruleSet of RULE_SETS) {
      fc.assert(
        fc.property(inputArb, (input) => {
          for (const r of triage(input, ruleSet).reasons) if (legalBasisEn(r.legalBasis) === null) missing.add(`${ruleSet.version} ${r.ruleId}: ${r.legalBasis}`);
        }),
        { numRuns: 1000 },
      );
      // And every citation the rule set holds, whether or not the runs above reached its rule.
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object')
          for (const [k, x] of Object.entries(v)) {
            if (k === 'legalBasis' && typeof x === 'string' && legalBasisEn(x) === null) missing.add(`${ruleSet.version}: ${x}`);
            else walk(x);
          }
      };
      walk(ruleSet);
    }
    expect([...missing]).toEqual([]);
  });
});
