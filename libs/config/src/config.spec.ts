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
});
