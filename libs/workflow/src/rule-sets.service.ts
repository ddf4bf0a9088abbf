import { APP_CONFIG, type AppConfig, ConfigError } from '@lyg/config';
import { parseRuleSet, RULE_SETS, selectRuleSet, type TriageRuleSet } from '@lyg/domain';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A rule set the server judges by, and where it came from: a file of TRIAGE_RULE_SETS_DIR, or null (built in). */
export interface KnownRuleSet {
  readonly ruleSet: TriageRuleSet;
  readonly file: string | null;
}

const nameOf = (k: KnownRuleSet): string => (k.file === null ? `the built-in rule set ${k.ruleSet.version}` : k.file);

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
    const { version, effectiveFrom } = parsed.ruleSet;
    const sameVersion = known.find((k) => k.ruleSet.version === version);
    if (sameVersion) problems.push(`${file}: version: "${version}" is already the version of ${nameOf(sameVersion)}`);
    const sameDay = known.find((k) => k.ruleSet.effectiveFrom === effectiveFrom);
    if (sameDay) problems.push(`${file}: effectiveFrom: ${effectiveFrom} is already the effective-from date of ${nameOf(sameDay)}`);
    known.push({ ruleSet: parsed.ruleSet, file });
  }
  if (problems.length) throw new ConfigError(problems);
  return known;
}

/**
 * The triage rule sets of this process: the built-in ones and those of TRIAGE_RULE_SETS_DIR, read once at start.
 * Submission triage, its route defaults and the preview all pick from here, so they judge by the same sets.
 */
@Injectable()
export class RuleSetsService implements OnModuleInit {
  private known: readonly KnownRuleSet[] = [];
  private sets: readonly TriageRuleSet[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Runs before the API listens and before the worker's pollers start; a bad file rejects the start with its
   * ConfigError, which the main commands print like a bad variable. Not in the constructor: Nest ends the process on
   * a provider's error there, with a stack instead of the problems (and would take a test runner with it).
   */
  onModuleInit(): void {
    this.known = loadRuleSets(this.config.triageRuleSetsDir);
    this.sets = this.known.map((k) => k.ruleSet);
    const added = this.known.filter((k) => k.file !== null);
    if (added.length) new Logger('triage').log(`rule sets from files: ${added.map((k) => `${k.ruleSet.version} (${k.file})`).join(', ')}`);
  }

  /** The rule set a complaint submitted at `submittedAt` is judged by: the one in force on its Asia/Shanghai date. */
  inForceAt(submittedAt: Date): TriageRuleSet {
    return selectRuleSet(submittedAt, this.sets);
  }

  /** Every known set, the latest effective-from date first. */
  list(): KnownRuleSet[] {
    return [...this.known].sort((a, b) => b.ruleSet.effectiveFrom.localeCompare(a.ruleSet.effectiveFrom));
  }
}
