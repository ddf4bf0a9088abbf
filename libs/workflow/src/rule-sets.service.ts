import { APP_CONFIG, type AppConfig, ConfigError } from '@lyg/config';
import { parseRuleSet, RULE_SETS, selectRuleSet, type TriageRuleSet } from '@lyg/domain';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A rule set the server judges by, and where it came from: a file of TRIAGE_RULE_SETS_DIR, or null (built in). */
export interface KnownRuleSet {
  readonly ruleSet: TriageRuleSet;
  readonly file: string | null;
}

const nameOf = (k: KnownRuleSet): string => (k.file === null ? `the built-in rule set ${k.ruleSet.version}` : k.file);

/** A version or an effective-from date that a known set already has: two sets may share neither. */
function clashes(known: readonly KnownRuleSet[], ruleSet: TriageRuleSet): RuleSetCheckProblem[] {
  const problems: RuleSetCheckProblem[] = [];
  const sameVersion = known.find((k) => k.ruleSet.version === ruleSet.version);
  if (sameVersion) problems.push({ path: 'version', message: `"${ruleSet.version}" is already the version of ${nameOf(sameVersion)}` });
  const sameDay = known.find((k) => k.ruleSet.effectiveFrom === ruleSet.effectiveFrom);
  if (sameDay) problems.push({ path: 'effectiveFrom', message: `${ruleSet.effectiveFrom} is already the effective-from date of ${nameOf(sameDay)}` });
  return problems;
}

/**
 * The built-in rule sets and those of every `*.json` file in `dir` (triage-rules.md: a new set with a later
 * effective-from date is added as data). All or nothing: any unreadable, malformed or clashing file throws one
 * ConfigError naming every problem of every file, so that a half-read directory never judges a complaint. Two sets
 * may share neither a version (the one a triage result records) nor an effective-from date (which would leave the
 * set in force on that day to the order of the files).
 */
export function loadRuleSets(dir: string | null): KnownRuleSet[] {
  const known: KnownRuleSet[] = RULE_SETS.map((ruleSet) => ({ ruleSet, file: null }));
  if (dir === null) return known;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (e) {
    throw new ConfigError([`TRIAGE_RULE_SETS_DIR: cannot read the directory ${dir}: ${(e as Error).message}`]);
  }
  const problems: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let value: unknown;
    try {
      // An editor's byte-order mark is not a reason to refuse the file.
      value = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push(`${file}: not a readable JSON file: ${(e as Error).message}`);
      continue;
    }
    const parsed = parseRuleSet(value);
    if (!parsed.ok) {
      for (const error of parsed.errors) problems.push(`${file}: ${error.path === '' ? '' : `${error.path}: `}${error.message}`);
      continue;
    }
    for (const clash of clashes(known, parsed.ruleSet)) problems.push(`${file}: ${clash.path}: ${clash.message}`);
    known.push({ ruleSet: parsed.ruleSet, file });
  }
  if (problems.length) throw new ConfigError(problems);
  return known;
}

/**
 * What a reload may change while the process runs: sets that take effect after today (Asia/Shanghai) only. A set in
 * force today or earlier has judged complaints (their results record its version, and a correction or a re-triage on
 * new history judges them by it again), so changing, removing or backdating one needs a restart, on purpose.
 */
export function reloadProblems(current: readonly KnownRuleSet[], next: readonly KnownRuleSet[], today: string): string[] {
  const problems: string[] = [];
  const key = (k: KnownRuleSet) => k.ruleSet.version;
  const same = (a: KnownRuleSet, b: KnownRuleSet) => JSON.stringify(a.ruleSet) === JSON.stringify(b.ruleSet);
  for (const k of current) {
    if (k.ruleSet.effectiveFrom > today) continue;
    const now = next.find((n) => key(n) === key(k));
    if (!now) problems.push(`${nameOf(k)}: the set ${k.ruleSet.version}, in force since ${k.ruleSet.effectiveFrom}, is gone; restore it (sets that have judged complaints stay)`);
    else if (!same(now, k)) problems.push(`${nameOf(now)}: the set ${k.ruleSet.version}, in force since ${k.ruleSet.effectiveFrom}, was changed; add a new version with a later effective-from date instead`);
  }
  for (const n of next) {
    if (n.ruleSet.effectiveFrom > today || current.some((k) => key(k) === key(n))) continue;
    problems.push(`${nameOf(n)}: a new set must take effect after today (${today}), not on ${n.ruleSet.effectiveFrom}; restart to add a backdated set`);
  }
  return problems;
}

/** The files of the directory as they are now (name, size, modification time): a reload reads them only on change. */
function fingerprint(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => {
        const st = statSync(path.join(dir, name));
        return `${name}:${st.size}:${st.mtimeMs}`;
      })
      .join('|');
  } catch (e) {
    return `unreadable: ${(e as Error).message}`;
  }
}

/** The Asia/Shanghai calendar date of an instant, `YYYY-MM-DD`. */
const shanghaiDate = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface RuleSetsReload {
  /** When the directory was last read again, or null when it is not watched. */
  checkedAt: string | null;
  /** Why the files as they are now were not taken (the sets in use are the earlier ones); empty when they were. */
  problems: string[];
}

export interface RuleSetCheckProblem {
  /** Where in the file (`criminalOffences[0].thresholds.turnover`); empty for the whole. */
  path: string;
  message: string;
}

export interface RuleSetCheck {
  /** The file can be placed in TRIAGE_RULE_SETS_DIR as it is. */
  acceptable: boolean;
  version: string | null;
  effectiveFrom: string | null;
  problems: RuleSetCheckProblem[];
  /**
   * `on_reload`: it takes effect after today, and every process takes it at its next reading of the directory;
   * `on_restart`: it takes effect today or earlier (backdated), which only a restart takes.
   */
  takesEffect: 'on_reload' | 'on_restart' | null;
}

/**
 * The triage rule sets of this process: the built-in ones and those of TRIAGE_RULE_SETS_DIR, read at start, and read
 * again every TRIAGE_RULE_SETS_RELOAD_MS when the files changed, so a set taking effect later is added without a
 * restart in every API and worker process. A reload is all or nothing like the start, and may change only sets not
 * yet in force (`reloadProblems`); a refused one keeps the sets in use and is logged and listed, never half-applied.
 * Submission triage, its route defaults, re-triage and the preview all pick from here, so they judge by the same sets.
 */
@Injectable()
export class RuleSetsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('triage');
  private known: readonly KnownRuleSet[] = [];
  private sets: readonly TriageRuleSet[] = [];
  private seen = '';
  private timer: NodeJS.Timeout | null = null;
  private status: RuleSetsReload = { checkedAt: null, problems: [] };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Runs before the API listens and before the worker's pollers start; a bad file rejects the start with its
   * ConfigError, which the main commands print like a bad variable. Not in the constructor: Nest ends the process on
   * a provider's error there, with a stack instead of the problems (and would take a test runner with it).
   */
  onModuleInit(): void {
    const dir = this.config.triageRuleSetsDir;
    if (dir !== null) this.seen = fingerprint(dir);
    this.use(loadRuleSets(dir));
    const added = this.known.filter((k) => k.file !== null);
    if (added.length) this.logger.log(`rule sets from files: ${added.map((k) => `${k.ruleSet.version} (${k.file})`).join(', ')}`);
    if (dir !== null && this.config.triageRuleSetsReloadMs > 0) {
      this.timer = setInterval(() => this.reload(), this.config.triageRuleSetsReloadMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Reads TRIAGE_RULE_SETS_DIR again if its files changed since the last read; returns whether the sets in use
   * changed. `now` decides which sets are already in force (Asia/Shanghai date).
   */
  reload(now: Date = new Date()): boolean {
    const dir = this.config.triageRuleSetsDir;
    if (dir === null) return false;
    const print = fingerprint(dir);
    this.status = { ...this.status, checkedAt: now.toISOString() };
    if (print === this.seen) return false;
    this.seen = print;
    let next: KnownRuleSet[];
    try {
      next = loadRuleSets(dir);
    } catch (e) {
      const problems = e instanceof ConfigError ? e.problems : [(e as Error).message];
      return this.refuse(problems);
    }
    const problems = reloadProblems(this.known, next, shanghaiDate(now));
    if (problems.length) return this.refuse(problems);
    const versions = (ks: readonly KnownRuleSet[]) => new Set(ks.map((k) => k.ruleSet.version));
    const before = versions(this.known);
    const after = versions(next);
    const added = [...after].filter((v) => !before.has(v));
    const removed = [...before].filter((v) => !after.has(v));
    const changed = next.filter((n) => before.has(n.ruleSet.version) && JSON.stringify(n.ruleSet) !== JSON.stringify(this.known.find((k) => k.ruleSet.version === n.ruleSet.version)?.ruleSet));
    this.use(next);
    this.status = { checkedAt: now.toISOString(), problems: [] };
    if (!added.length && !removed.length && !changed.length) return false;
    this.logger.log(
      `rule sets reloaded from ${dir}: ${[...added.map((v) => `added ${v}`), ...removed.map((v) => `removed ${v}`), ...changed.map((k) => `changed ${k.ruleSet.version}`)].join(', ')}`,
    );
    return true;
  }

  /** The state of the last reload, for the rule-set list. */
  reloadStatus(): RuleSetsReload {
    return { checkedAt: this.status.checkedAt, problems: [...this.status.problems] };
  }

  private refuse(problems: string[]): boolean {
    this.status = { ...this.status, problems };
    this.logger.error(`rule sets in ${this.config.triageRuleSetsDir} not reloaded (the sets in use stay): ${problems.join('; ')}`);
    return false;
  }

  private use(known: readonly KnownRuleSet[]): void {
    this.known = known;
    this.sets = known.map((k) => k.ruleSet);
  }

  /** The rule set a complaint submitted at `submittedAt` is judged by: the one in force on its Asia/Shanghai date. */
  inForceAt(submittedAt: Date): TriageRuleSet {
    return selectRuleSet(submittedAt, this.sets);
  }

  /** A known set by its version. */
  byVersion(version: string): KnownRuleSet | undefined {
    return this.known.find((k) => k.ruleSet.version === version);
  }

  /**
   * What this process would make of `value` as a new file of TRIAGE_RULE_SETS_DIR, checked before it is placed
   * there: its shape (every defect by its path), a version or effective-from date another set has, and whether a
   * reload can take it (a set taking effect after today) or only a restart (today or earlier).
   */
  check(value: unknown, now: Date): RuleSetCheck {
    const parsed = parseRuleSet(value);
    if (!parsed.ok) return { acceptable: false, version: null, effectiveFrom: null, problems: parsed.errors.map((e) => ({ ...e })), takesEffect: null };
    const { version, effectiveFrom } = parsed.ruleSet;
    const problems = clashes(this.known, parsed.ruleSet);
    const takesEffect = effectiveFrom > shanghaiDate(now) ? 'on_reload' : 'on_restart';
    return { acceptable: problems.length === 0, version, effectiveFrom, problems, takesEffect };
  }

  /** Every known set, the latest effective-from date first. */
  list(): KnownRuleSet[] {
    return [...this.known].sort((a, b) => b.ruleSet.effectiveFrom.localeCompare(a.ruleSet.effectiveFrom));
  }
}
