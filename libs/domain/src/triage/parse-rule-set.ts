// A rule set read as data (a JSON file the server loads at start, triage-rules.md): checked against the shape of
// TriageRuleSet before the engine ever sees it, because the engine trusts its rule set as it trusts its own code. A
// set that parses here runs without errors: every list, enum value and number is one the rules and the workflow take.
import { parseCivilDate } from '../calendar/civil-date';
import { MAX_PERIOD } from '../calendar/deadline';
import { isIsoCountryCode } from '../identifiers/country-code';
import { checkRegionCode } from '../identifiers/region-code';
import { CHANNELS, CONDUCTS, EVIDENCE_KINDS, FLAGS, INDUSTRIES, IP_RIGHT_TYPES, OUTCOMES, REMEDIES } from '../model';
import { ENFORCEMENT_AGENCIES } from '../workflow/route-entry';
import {
  AMOUNT_KINDS,
  CRIMINAL_OFFENCE_IDS,
  JURISDICTION_PLACES,
  type PriorityFlag,
  type TriageRuleSet,
} from './triage-rule-set';

/** One problem of a rule set; `path` is like `criminalOffences[0].thresholds.gains` ('' for the whole value). */
export interface RuleSetProblem {
  readonly path: string;
  readonly message: string;
}

export type RuleSetParse = { ok: true; ruleSet: TriageRuleSet } | { ok: false; errors: RuleSetProblem[] };

type Fail = (path: string, message: string) => void;
type Check = (value: unknown, path: string, fail: Fail) => void;
type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInteger = (v: unknown, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const pathOf = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

const text: Check = (v, path, fail) => {
  if (typeof v !== 'string' || v.trim() === '') fail(path, 'must be a non-empty string');
};

const pattern =
  (re: RegExp, what: string, test: (s: string) => boolean = () => true): Check =>
  (v, path, fail) => {
    if (typeof v !== 'string' || !re.test(v) || !test(v)) fail(path, `must be ${what}`);
  };

const integer =
  (min: number, max: number, what: string): Check =>
  (v, path, fail) => {
    if (!isInteger(v, min, max)) fail(path, `must be ${what}`);
  };

const days = integer(1, Number.MAX_SAFE_INTEGER, 'a positive whole number of days');

const boolean: Check = (v, path, fail) => {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
};

const oneOf =
  (values: readonly string[]): Check =>
  (v, path, fail) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(path, `must be one of ${values.join(', ')}`);
  };

const nullOr =
  (check: Check): Check =>
  (v, path, fail) => {
    if (v !== null) check(v, path, fail);
  };

/**
 * An array of items. `nonEmpty` where an empty list would silently switch a rule off or make it fire on every
 * complaint (no evidence kind proves ownership: every complaint is returned for correction); strings listed twice
 * are refused as the slip they are.
 */
const list =
  (item: Check, nonEmpty: boolean): Check =>
  (v, path, fail) => {
    if (!Array.isArray(v)) return fail(path, 'must be an array');
    if (nonEmpty && v.length === 0) fail(path, 'must not be empty');
    const seen = new Set<unknown>();
    v.forEach((x: unknown, i) => {
      item(x, pathOf(path, i), fail);
      if (typeof x === 'string' && seen.has(x)) fail(pathOf(path, i), `lists "${x}" twice`);
      seen.add(x);
    });
  };

/** An object with exactly these fields (a misspelt optional field must not be dropped without a word). */
const object =
  (fields: Readonly<Record<string, Check>>, across?: (v: JsonObject, path: string, fail: Fail) => void): Check =>
  (v, path, fail) => {
    if (!isObject(v)) return fail(path, 'must be an object');
    for (const key of Object.keys(v)) if (!Object.hasOwn(fields, key)) fail(pathOf(path, key), 'is not a known field');
    for (const [key, check] of Object.entries(fields)) {
      if (Object.hasOwn(v, key)) check(v[key], pathOf(path, key), fail);
      else fail(pathOf(path, key), 'is required');
    }
    across?.(v, path, fail);
  };

/** An object whose keys are some of `keys` (at least one when `nonEmpty`); `unknown` words the refusal of others. */
const someOf =
  (keys: readonly string[], value: Check, nonEmpty: boolean, unknown: (key: string) => string): Check =>
  (v, path, fail) => {
    if (!isObject(v)) return fail(path, 'must be an object');
    const present = Object.keys(v);
    if (nonEmpty && present.length === 0) fail(path, `must give at least one of ${keys.join(', ')}`);
    for (const key of present) {
      if (keys.includes(key)) value(v[key], pathOf(path, key), fail);
      else fail(pathOf(path, key), unknown(key));
    }
  };

const localizedText = object({ zh: text, en: text });
const rightTypes = (nonEmpty: boolean) => list(oneOf(IP_RIGHT_TYPES), nonEmpty);
const conducts = (nonEmpty: boolean) => list(oneOf(CONDUCTS), nonEmpty);
const remedies = (nonEmpty: boolean) => list(oneOf(REMEDIES), nonEmpty);
const industries = (nonEmpty: boolean) => list(oneOf(INDUSTRIES), nonEmpty);
const evidenceKinds = list(oneOf(EVIDENCE_KINDS), true);
// Triage names the bureau for administrative enforcement, and the workflow refuses any other body there.
const enforcementAgency = oneOf(ENFORCEMENT_AGENCIES);

// Amounts are whole yuan, and a threshold of 0 would make every amount criminal.
const thresholds = someOf(AMOUNT_KINDS, integer(1, Number.MAX_SAFE_INTEGER, 'a positive whole number of yuan'), true, () =>
  `is not an amount (${AMOUNT_KINDS.join(', ')})`,
);

/** A reduced threshold above the normal one would raise the bar for the cases the law treats more severely. */
const reducedNotAbove = (offence: JsonObject, path: string, fail: Fail): void => {
  const normal = offence.thresholds;
  const reduced = isObject(offence.reduced) ? offence.reduced.thresholds : undefined;
  if (!isObject(normal) || !isObject(reduced)) return;
  for (const kind of AMOUNT_KINDS) {
    const n = normal[kind];
    const r = reduced[kind];
    if (isInteger(n, 1) && isInteger(r, 1) && r > n) {
      fail(pathOf(path, `reduced.thresholds.${kind}`), `must not be above thresholds.${kind} (${n})`);
    }
  }
};

const criminalOffence = object(
  {
    offence: oneOf(CRIMINAL_OFFENCE_IDS),
    name: localizedText,
    rightsName: localizedText,
    legalBasis: text,
    rightTypes: rightTypes(true),
    // null means any conduct; an empty list would mean none, and the offence could never be found.
    conducts: nullOr(conducts(true)),
    thresholds,
    reduced: nullOr(
      object({
        thresholds,
        whenRepeat: boolean,
        // "两种以上" / "两项以上": a reduction for a single right would just be a lower threshold.
        whenRightsAtLeast: nullOr(integer(2, Number.MAX_SAFE_INTEGER, 'a whole number of at least 2, or null')),
      }),
    ),
  },
  reducedNotAbove,
);

/** Each offence once: two rows for one offence would judge it twice, by different thresholds. */
const criminalOffences: Check = (v, path, fail) => {
  list(criminalOffence, true)(v, path, fail);
  if (!Array.isArray(v)) return;
  const seen = new Set<unknown>();
  v.forEach((row: unknown, i) => {
    const id = isObject(row) ? row.offence : undefined;
    if (typeof id === 'string' && seen.has(id)) fail(pathOf(pathOf(path, i), 'offence'), `lists "${id}" twice`);
    seen.add(id);
  });
};

const PRIORITY_FLAGS: readonly PriorityFlag[] = FLAGS.filter((f): f is PriorityFlag => f !== 'foreign_related');

const priority = object(
  {
    // Section 5: priority is 0–100.
    base: integer(0, 100, 'a whole number from 0 to 100'),
    cap: integer(0, 100, 'a whole number from 0 to 100'),
    weights: someOf(PRIORITY_FLAGS, integer(0, 100, 'a whole number from 0 to 100'), false, (key) =>
      key === 'foreign_related'
        ? 'must not weigh on priority: the complainant’s nationality never enters it (equal protection)'
        : `is not a flag that weighs on priority (${PRIORITY_FLAGS.join(', ')})`,
    ),
  },
  (v, path, fail) => {
    if (isInteger(v.base, 0, 100) && isInteger(v.cap, 0, 100) && v.base > v.cap) fail(pathOf(path, 'base'), `must not be above cap (${v.cap})`);
  },
);

const ruleSet = object({
  // Recorded with every triage result and named in the audit log: short, and safe in a file name or a URL.
  version: pattern(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/, "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
  effectiveFrom: pattern(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD', (s) => parseCivilDate(s) !== undefined),
  jurisdictionPrefix: pattern(/^\d{2,6}$/, 'a GB/T 2260 region code prefix of 2 to 6 digits (e.g. 3207)', (s) =>
    checkRegionCode(s.padEnd(6, '0')),
  ),
  // At least one place per channel, or no complaint of that channel could ever be within jurisdiction.
  jurisdictionPlaces: object(Object.fromEntries(CHANNELS.map((c) => [c, list(oneOf(JURISDICTION_PLACES), true)]))),
  domesticCountry: pattern(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code', isIsoCountryCode),
  limitationDays: days,
  adminPenaltyLimitationDays: days,
  repeatWindowDays: days,
  repeatInfringerWindowDays: days,
  infringementOutcomes: list(oneOf(OUTCOMES), true),
  rightsWithoutTerm: rightTypes(false),
  evidence: object({ ownership: evidenceKinds, infringement: evidenceKinds, authorization: evidenceKinds }),
  criminalOffences,
  // At or above the threshold is "reached", so the near flag needs a fraction strictly between 0 and 1.
  nearFraction: (v, path, fail) => {
    if (typeof v !== 'number' || !(v > 0 && v < 1)) fail(path, 'must be a number between 0 and 1 (exclusive)');
  },
  customs: object(
    { channels: list(oneOf(CHANNELS), false), conducts: conducts(false), rightTypes: rightTypes(true) },
    (v, path, fail) => {
      if (Array.isArray(v.channels) && Array.isArray(v.conducts) && v.channels.length + v.conducts.length === 0) {
        fail(path, 'must give at least one channel or conduct');
      }
    },
  ),
  fastTrack: object({
    rightTypes: rightTypes(true),
    industries: industries(true),
    // The fast track's deadline runs for this many days (a period the deadline calendar can count).
    targetDays: object({
      default: integer(1, MAX_PERIOD, `a whole number of days from 1 to ${MAX_PERIOD}`),
      designOrPassingOff: integer(1, MAX_PERIOD, `a whole number of days from 1 to ${MAX_PERIOD}`),
    }),
    designRightTypes: rightTypes(false),
    passingOffConducts: conducts(false),
  }),
  mediation: object({ remedies: remedies(true), excludedConducts: conducts(false) }),
  courtReferral: object({ damagesRemedies: remedies(true), otherRemedies: remedies(false) }),
  administrativeAgencies: list(object({ rightTypes: rightTypes(true), agency: enforcementAgency, legalBasis: text }), false),
  defaultAgency: object({ agency: enforcementAgency, legalBasis: text }),
  punitiveDamagesConducts: conducts(false),
  keyIndustries: industries(false),
  publicHealthIndustries: industries(false),
  priority,
});

/**
 * Checks a JSON value (a parsed rule-set file) against TriageRuleSet: every field present with its type, enum values
 * of the contract, a real effective-from date, positive thresholds and periods, no unknown field. Lists every problem
 * with its path, so that one edit fixes them all.
 */
export function parseRuleSet(value: unknown): RuleSetParse {
  const errors: RuleSetProblem[] = [];
  ruleSet(value, '', (path, message) => errors.push({ path, message }));
  return errors.length === 0 ? { ok: true, ruleSet: value as TriageRuleSet } : { ok: false, errors };
}
