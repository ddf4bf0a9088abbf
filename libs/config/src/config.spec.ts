import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://u@localhost/db', S3_ENDPOINT: 'http://127.0.0.1:9000', SMTP_URL: 'smtp://127.0.0.1:25' };

describe('configuration', () => {
  it('parses a minimal development environment with defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.s3.bucket).toBe('evidence');
    expect(c.demo).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ ...base, PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/JWT_SECRET/);
  });

  it('the evidence store’s no-progress limit: 10 s by default, configurable within bounds', () => {
    expect(loadConfig(base).evidence.stallMs).toBe(10_000);
    expect(loadConfig({ ...base, EVIDENCE_STALL_MS: '30000' }).evidence.stallMs).toBe(30_000);
    expect(() => loadConfig({ ...base, EVIDENCE_STALL_MS: '10' })).toThrow(/EVIDENCE_STALL_MS/);
  });

  it('triage rule-set files: none by default (the built-in sets alone), else the directory given', () => {
    expect(loadConfig(base).triageRuleSetsDir).toBeNull();
    expect(loadConfig({ ...base, TRIAGE_RULE_SETS_DIR: '/etc/lyg/rule-sets' }).triageRuleSetsDir).toBe('/etc/lyg/rule-sets');
  });

  it('requires secrets in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  describe('production refuses what is only safe on a demo machine, naming each variable', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      JWT_SECRET: 'k3v9YtQm2Zr8Lw4Xp6Bn1Cs5Dh7Fj0Gq-random',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
      AUDIT_SIGNING_KEY: 'MC4CAQAwBQYDK2VwBCIEIA==',
      PUBLIC_URL: 'https://ipcenter.example.cn/',
      DEMO: 'false',
    };
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };

    it('a complete production environment loads, its public address without the trailing slash', () => {
      const c = loadConfig(production);
      expect({ demo: c.demo, publicUrl: c.publicUrl }).toEqual({ demo: false, publicUrl: 'https://ipcenter.example.cn' });
    });

    it.each([
      ['the demo accounts', { DEMO: 'true' }, /DEMO must be false in production/],
      ['the development JWT secret', { JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789' }, /JWT_SECRET is a published placeholder/],
      ["the compose file's placeholder secret", { JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' }, /JWT_SECRET is a published placeholder/],
      ['no public address (notice links would point at localhost)', { PUBLIC_URL: '' }, /PUBLIC_URL is required in production/],
      ['a public address that is no URL', { PUBLIC_URL: 'ipcenter' }, /PUBLIC_URL must be an http\(s\) URL/],
    ])('refuses %s', (_what, change, message) => {
      const found = problems({ ...production, ...change });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(message);
    });

    it('unset DEMO in production is off; outside production the default address uses the parsed port', () => {
      const { DEMO: _demo, ...rest } = production;
      expect(loadConfig(rest).demo).toBe(false);
      expect(loadConfig({ ...base, PORT: ' 3100 ' }).publicUrl).toBe('http://localhost:3100');
    });
  });
});
