import { type AppConfig, ConfigError } from '@lyg/config';
import { RULE_SET_2004_12_22, RULE_SET_2025_04_26, RULE_SETS, selectRuleSet } from '@lyg/domain';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRuleSets, RuleSetsService } from './rule-sets.service';

const scratch = mkdtempSync(path.join(tmpdir(), 'lyg-rule-sets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A directory holding these files (name → content, objects written as JSON). */
function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(scratch, 'd-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const problemsOf = (dir: string): string[] => {
  try {
    loadRuleSets(dir);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected the directory to be refused');
};

const later = (version: string, effectiveFrom: string) => ({ ...RULE_SET_2025_04_26, version, effectiveFrom });

describe('loadRuleSets (TRIAGE_RULE_SETS_DIR)', () => {
  it('without a directory the built-in sets alone', () => {
    expect(loadRuleSets(null)).toEqual(RULE_SETS.map((ruleSet) => ({ ruleSet, file: null })));
  });

  it('adds every *.json file of the directory; a later effective-from date takes over from its Shanghai day', () => {
    // A BOM, and a file that is not *.json (ignored), as an editor or an operator may leave them.
    const dir = dirWith({ 'b.json': `\uFEFF${JSON.stringify(later('2027-01-01', '2027-01-01'))}`, 'a.json': later('2026-07-01', '2026-07-01'), 'README.md': 'notes' });
    const known = loadRuleSets(dir);
    expect(known.map((k) => [k.ruleSet.version, k.file])).toEqual([
      ['2025-04-26', null],
      ['2004-12-22', null],
      ['2026-07-01', path.join(dir, 'a.json')],
      ['2027-01-01', path.join(dir, 'b.json')],
    ]);
    const sets = known.map((k) => k.ruleSet);
    expect(selectRuleSet('2026-06-30T23:59:00+08:00', sets)).toBe(RULE_SET_2025_04_26);
    expect(selectRuleSet('2026-06-30T16:00:00Z', sets).version).toBe('2026-07-01');
    expect(selectRuleSet('2027-03-01T09:00:00+08:00', sets).version).toBe('2027-01-01');
    expect(selectRuleSet('2010-01-01T09:00:00+08:00', sets)).toBe(RULE_SET_2004_12_22);
  });

  it('an empty directory keeps the built-in sets', () => {
    expect(loadRuleSets(dirWith({})).map((k) => k.ruleSet)).toEqual(RULE_SETS);
  });

  it('refuses the whole directory, naming every problem of every file with its path', () => {
    const bad = JSON.parse(JSON.stringify(later('2026-x', '2026-02-30')));
    bad.criminalOffences[0].thresholds.gains = 0;
    const dir = dirWith({
      'bad.json': bad,
      'broken.json': '{"version": "2026-01-01",',
      'same-version.json': later('2025-04-26', '2026-03-01'),
      'same-day.json': later('2026-03-01b', '2026-03-01'),
      'fine.json': later('2026-05-01', '2026-05-01'),
    });
    const file = (name: string) => path.join(dir, name);
    expect(problemsOf(dir)).toEqual([
      `${file('bad.json')}: effectiveFrom: must be a date YYYY-MM-DD`,
      `${file('bad.json')}: criminalOffences[0].thresholds.gains: must be a positive whole number of yuan`,
      expect.stringMatching(new RegExp(`^${file('broken.json')}: not a readable JSON file: `)),
      // Files are read in name order: the second of two sets for one day is the one named.
      `${file('same-version.json')}: version: "2025-04-26" is already the version of the built-in rule set 2025-04-26`,
      `${file('same-version.json')}: effectiveFrom: 2026-03-01 is already the effective-from date of ${file('same-day.json')}`,
    ]);
  });

  it('a directory that cannot be read stops the start too', () => {
    const missing = path.join(scratch, 'missing');
    expect(problemsOf(missing)).toEqual([expect.stringMatching(/^TRIAGE_RULE_SETS_DIR: cannot read the directory .*missing: ENOENT/)]);
    const notJson = path.join(dirWith({}), 'x.json');
    mkdirSync(notJson);
    expect(problemsOf(path.dirname(notJson))).toEqual([expect.stringMatching(/x\.json: not a readable JSON file: EISDIR/)]);
  });
});

describe('RuleSetsService.reload: sets taking effect later, without a restart', () => {
  const TODAY = new Date('2027-03-10T09:00:00+08:00');
  const serviceOn = (dir: string) => {
    const service = new RuleSetsService({ triageRuleSetsDir: dir, triageRuleSetsReloadMs: 0 } as AppConfig);
    service.onModuleInit();
    return service;
  };
  const versions = (s: RuleSetsService) => s.list().map((k) => k.ruleSet.version);

  it('a file added for a later date is taken on the next read, and judges complaints from its day', () => {
    const dir = dirWith({ 'a.json': later('2026-07-01', '2026-07-01') });
    const service = serviceOn(dir);
    expect(service.reload(TODAY)).toBe(false);
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(later('2027-04-01', '2027-04-01')));
    expect(service.reload(TODAY)).toBe(true);
    expect(versions(service)).toEqual(['2027-04-01', '2026-07-01', '2025-04-26', '2004-12-22']);
    expect(service.inForceAt(new Date('2027-04-01T08:00:00+08:00')).version).toBe('2027-04-01');
    expect(service.inForceAt(new Date('2027-03-31T23:00:00+08:00')).version).toBe('2026-07-01');
    expect(service.reloadStatus()).toEqual({ checkedAt: TODAY.toISOString(), problems: [] });
    // A set not yet in force may still be corrected or withdrawn.
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ ...later('2027-04-01', '2027-04-01'), repeatWindowDays: 700 }));
    expect(service.reload(TODAY)).toBe(true);
    expect(service.inForceAt(new Date('2027-04-02T08:00:00+08:00')).repeatWindowDays).toBe(700);
    rmSync(path.join(dir, 'b.json'));
    expect(service.reload(TODAY)).toBe(true);
    expect(versions(service)).toEqual(['2026-07-01', '2025-04-26', '2004-12-22']);
  });

  it('a bad file, or a change to a set already in force, is refused whole: the sets in use stay, the problems are listed', () => {
    const dir = dirWith({ 'a.json': later('2026-07-01', '2026-07-01') });
    const service = serviceOn(dir);
    writeFileSync(path.join(dir, 'b.json'), '{"version": ');
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify(later('2027-05-01', '2027-05-01')));
    expect(service.reload(TODAY)).toBe(false);
    expect(versions(service)).toEqual(['2026-07-01', '2025-04-26', '2004-12-22']);
    expect(service.reloadStatus().problems).toEqual([expect.stringMatching(/b\.json: not a readable JSON file/)]);
    rmSync(path.join(dir, 'b.json'));
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ ...later('2026-07-01', '2026-07-01'), repeatWindowDays: 700 }));
    expect(service.reload(TODAY)).toBe(false);
    expect(service.reloadStatus().problems).toEqual([expect.stringMatching(/a\.json: the set 2026-07-01, in force since 2026-07-01, was changed; add a new version/)]);
    expect(service.inForceAt(TODAY).repeatWindowDays).toBe(RULE_SET_2025_04_26.repeatWindowDays);
    rmSync(path.join(dir, 'a.json'));
    writeFileSync(path.join(dir, 'd.json'), JSON.stringify(later('2027-03-01', '2027-03-01')));
    expect(service.reload(TODAY)).toBe(false);
    expect(service.reloadStatus().problems).toEqual([
      expect.stringMatching(/a\.json: the set 2026-07-01, in force since 2026-07-01, is gone/),
      expect.stringMatching(/d\.json: a new set must take effect after today \(2027-03-10\), not on 2027-03-01/),
    ]);
    expect(versions(service)).toEqual(['2026-07-01', '2025-04-26', '2004-12-22']);
  });
});
