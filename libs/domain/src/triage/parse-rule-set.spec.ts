import { parseRuleSet } from './parse-rule-set';
import { RULE_SET_2004_12_22 } from './rule-set-2004-12-22';
import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import { aRight, triageOf } from './testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON form of a rule set, as a file holds it, edited by the tests
const asJson = (value: unknown): any => JSON.parse(JSON.stringify(value));

const errorsOf = (value: unknown) => {
  const parsed = parseRuleSet(value);
  if (parsed.ok) throw new Error('expected the rule set to be refused');
  return parsed.errors;
};

describe('parseRuleSet', () => {
  it.each([RULE_SET_2025_04_26, RULE_SET_2004_12_22])('the built-in set $version round-trips through JSON', (set) => {
    const parsed = parseRuleSet(asJson(set));
    expect(parsed).toEqual({ ok: true, ruleSet: set });
  });

  it('a set read from JSON judges a complaint as the built-in set does', () => {
    const parsed = parseRuleSet(asJson(RULE_SET_2025_04_26));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const complaint = {
      ipRights: [aRight('trademark'), aRight('trademark', { number: '12345679' })],
      infringement: { conducts: ['counterfeiting' as const], estimatedTurnoverCny: 40_000 },
    };
    expect(triageOf(complaint, {}, parsed.ruleSet)).toEqual(triageOf(complaint, {}, RULE_SET_2025_04_26));
  });

  it('lists every problem with its path, in document order', () => {
    const set = asJson(RULE_SET_2025_04_26);
    set.version = '';
    set.effectiveFrom = '2026-02-30';
    set.limitationDay = 1095; // a misspelt field
    delete set.nearFraction;
    set.jurisdictionPrefix = '99';
    set.jurisdictionPlaces.ecommerce = [];
    set.domesticCountry = 'cn';
    set.evidence.ownership = [];
    set.criminalOffences[0].thresholds.gains = -1;
    set.criminalOffences[0].reduced.thresholds.turnover = 60_000;
    set.criminalOffences[1].conducts = [];
    set.criminalOffences[2].thresholds = { gains: '30000' };
    set.criminalOffences[3].offence = 'trademark_counterfeiting';
    set.fastTrack.industries[1] = 'steel';
    set.fastTrack.targetDays.default = 0;
    set.defaultAgency.agency = 'police';
    set.priority.base = 120;
    set.priority.weights.foreign_related = 5;

    expect(errorsOf(set).map((e) => e.path)).toEqual([
      'limitationDay',
      'version',
      'effectiveFrom',
      'jurisdictionPrefix',
      'jurisdictionPlaces.ecommerce',
      'domesticCountry',
      'evidence.ownership',
      'criminalOffences[0].thresholds.gains',
      'criminalOffences[0].reduced.thresholds.turnover',
      'criminalOffences[1].conducts',
      'criminalOffences[2].thresholds.gains',
      'criminalOffences[3].offence',
      'nearFraction',
      'fastTrack.industries[1]',
      'fastTrack.targetDays.default',
      'defaultAgency.agency',
      'priority.base',
      'priority.weights.foreign_related',
    ]);
    expect(errorsOf(set)).toEqual(
      expect.arrayContaining([
        { path: 'limitationDay', message: 'is not a known field' },
        { path: 'effectiveFrom', message: 'must be a date YYYY-MM-DD' },
        { path: 'criminalOffences[0].thresholds.gains', message: 'must be a positive whole number of yuan' },
        { path: 'criminalOffences[0].reduced.thresholds.turnover', message: 'must not be above thresholds.turnover (50000)' },
        { path: 'criminalOffences[3].offence', message: 'lists "trademark_counterfeiting" twice' },
        { path: 'nearFraction', message: 'is required' },
        { path: 'defaultAgency.agency', message: 'must be one of market_regulation, copyright_bureau, agriculture_bureau' },
        { path: 'priority.weights.foreign_related', message: expect.stringContaining('equal protection') },
      ]),
    );
  });

  it('names the whole value when it is not an object, and wrong types where they are', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'must be an object' }]);
    expect(errorsOf([RULE_SET_2025_04_26])).toEqual([{ path: '', message: 'must be an object' }]);
    const set = asJson(RULE_SET_2025_04_26);
    set.customs = { channels: [], conducts: [], rightTypes: 'trademark' };
    set.criminalOffences[0].reduced.whenRepeat = 'yes';
    set.criminalOffences[0].reduced.whenRightsAtLeast = 1;
    set.keyIndustries = ['new_energy', 'new_energy'];
    expect(errorsOf(set)).toEqual([
      { path: 'criminalOffences[0].reduced.whenRepeat', message: 'must be true or false' },
      { path: 'criminalOffences[0].reduced.whenRightsAtLeast', message: 'must be a whole number of at least 2, or null' },
      { path: 'customs.rightTypes', message: 'must be an array' },
      { path: 'customs', message: 'must give at least one channel or conduct' },
      { path: 'keyIndustries[1]', message: 'lists "new_energy" twice' },
    ]);
  });

  it('takes the lists a rule may leave empty, and null where any conduct will do', () => {
    const set = asJson(RULE_SET_2025_04_26);
    set.rightsWithoutTerm = [];
    set.administrativeAgencies = [];
    set.keyIndustries = [];
    set.priority.weights = {};
    set.criminalOffences[0].conducts = null;
    expect(parseRuleSet(set).ok).toBe(true);
  });
});
