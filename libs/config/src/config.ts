// The environment is parsed and validated once, at boot, into this typed object. Every bad variable is named in
// one error, so an operator fixes them all in one go instead of one restart per mistake.

export interface AppConfig {
  env: 'production' | 'development' | 'test';
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** Who runs the migrations (the schema owner); DATABASE_URL when not given. */
  databaseOwnerUrl: string;
  /** The role the app's connections take (`SET ROLE` at connect): only INSERT and SELECT on the audit tables. */
  databaseAppRole: string | null;
  databasePoolSize: number;
  s3: { endpoint: string; accessKey: string; secretKey: string; bucket: string; region: string; forcePathStyle: boolean };
  /** Evidence uploads: size limit, and the object-lock retention written when the bucket has object lock. */
  evidence: { maxBytes: number; maxFilesPerCase: number; maxBytesPerCase: number; retentionMode: 'GOVERNANCE' | 'COMPLIANCE'; retentionDays: number; stallMs: number };
  smtpUrl: string;
  mailFrom: string;
  /** The embedded SMTP sink's directory, when the main command started one: administrators read its mail in the UI. */
  mailSinkDir: string | null;
  /**
   * The worker's outbox sender. `pollMs` 0 turns the background poller off (the default under NODE_ENV=test, where
   * tests run `OutboxSender.sendDue()` themselves); `leaseMs` is how long a claimed message is kept from other workers.
   */
  outbox: { pollMs: number; maxAttempts: number; batchSize: number; leaseMs: number };
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** The longest a session lasts from its sign-in, however often its token is refreshed. */
  sessionMaxSeconds: number;
  auditSigningKey: string | null;
  /**
   * Signed audit checkpoints: how often the worker signs the chain head (`checkpointMs`, 0 = never; off under
   * NODE_ENV=test), and further trusted Ed25519 public keys (key rotation, verify-only hosts).
   */
  audit: { checkpointMs: number; publicKeys: string[] };
  /** Equal-protection metrics: a ratio between groups beyond this (or below its inverse) raises the alert. */
  equalRatioAlert: number;
  /** Cases a group's figure must rest on before it can raise the equal-protection alert. */
  equalMinGroup: number;
  /** When set, `GET /metrics` (Prometheus) needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Origins allowed by CORS; empty means CORS is closed. */
  corsOrigins: string[];
  /** Where users reach the web UI, for links in notices (default http://localhost:PORT). */
  publicUrl: string;
  /** Failed logins per e-mail address within `loginWindowSeconds` before 429. */
  loginMaxFailures: number;
  /** Failed logins from one address, across all accounts, within `loginWindowSeconds` before 429 (password spraying). */
  loginMaxFailuresPerAddress: number;
  loginWindowSeconds: number;
  /** Demo mode lists the demo accounts on the sign-in page and seeds demo data on an empty database. */
  demo: boolean;
  /** How often the worker looks for due deadlines (ms); 0 turns the poller off (tests drive it). */
  workerPollMs: number;
  /**
   * A directory of triage rule-set files (`*.json`, each a TriageRuleSet) added to the built-in sets at start; null:
   * the built-in sets alone. Read by libs/workflow's RuleSetsService, which refuses to start on a bad file.
   */
  triageRuleSetsDir: string | null;
  /** How often TRIAGE_RULE_SETS_DIR is read again for sets taking effect later; 0: only at start. */
  triageRuleSetsReloadMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string => {
    const v = env[name];
    if (v === undefined || v === '') {
      if (fallback === undefined) problems.push(`${name} is required`);
      return fallback ?? '';
    }
    return v;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, protocols: string[], fallback?: string): string => {
    const v = str(name, fallback);
    if (!v) return v;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}, got "${u.protocol}"`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return v;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if (!(values as readonly string[]).includes(v)) {
      problems.push(`${name} must be one of ${values.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if (['1', 'true', 'yes'].includes(v)) return true;
    if (['0', 'false', 'no'].includes(v)) return false;
    problems.push(`${name} must be true or false, got "${v}"`);
    return fallback;
  };

  const nodeEnv = oneOf('NODE_ENV', ['production', 'development', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const jwtSecret = str('JWT_SECRET', production ? undefined : DEV_JWT_SECRET);
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  // A secret published in this repository (the development default, the compose file's placeholder) signs tokens
  // anyone can forge.
  if (production && jwtSecret && (jwtSecret === DEV_JWT_SECRET || /change[-_ ]?me/i.test(jwtSecret))) {
    problems.push('JWT_SECRET is a published placeholder: set a random secret of your own (e.g. `openssl rand -base64 48`)');
  }
  const auditKey = env.AUDIT_SIGNING_KEY ?? null;
  if (auditKey !== null && auditKey !== '' && !/^[A-Za-z0-9+/=\s-]+$/.test(auditKey)) {
    problems.push('AUDIT_SIGNING_KEY must be a base64 or PEM Ed25519 private key');
  }
  if (production && !auditKey) problems.push('AUDIT_SIGNING_KEY is required in production (an Ed25519 private key, PEM or base64 PKCS#8)');
  const appRole = str('DATABASE_APP_ROLE', 'lyg_app');
  if (appRole !== 'none' && !/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) problems.push(`DATABASE_APP_ROLE must be a role name (or "none"), got "${appRole}"`);
  const ratioRaw = env.EQUAL_RATIO_ALERT;
  const equalRatioAlert = ratioRaw === undefined || ratioRaw === '' ? 1.5 : Number(ratioRaw);
  if (!Number.isFinite(equalRatioAlert) || equalRatioAlert <= 1 || equalRatioAlert > 100) {
    problems.push(`EQUAL_RATIO_ALERT must be a number above 1 (at most 100), got "${ratioRaw}"`);
  }

  const config: AppConfig = {
    env: nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    dataDir: str('DATA_DIR', '.data'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseOwnerUrl: url('DATABASE_OWNER_URL', ['postgres:', 'postgresql:'], env.DATABASE_URL ?? ''),
    databaseAppRole: appRole === 'none' ? null : appRole,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    s3: {
      endpoint: url('S3_ENDPOINT', ['http:', 'https:']),
      accessKey: str('S3_ACCESS_KEY', production ? undefined : 'S3RVER'),
      secretKey: str('S3_SECRET_KEY', production ? undefined : 'S3RVER'),
      bucket: str('S3_BUCKET', 'evidence'),
      region: str('S3_REGION', 'us-east-1'),
      forcePathStyle: bool('S3_FORCE_PATH_STYLE', true),
    },
    evidence: {
      maxBytes: int('EVIDENCE_MAX_BYTES', 100 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
      /** Per case: how many files, and how many bytes in all (a draft is not a free file store). */
      maxFilesPerCase: int('EVIDENCE_MAX_FILES_PER_CASE', 500, 1, 1_000_000),
      maxBytesPerCase: int('EVIDENCE_MAX_CASE_BYTES', 20 * 1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
      retentionMode: oneOf('EVIDENCE_RETENTION_MODE', ['GOVERNANCE', 'COMPLIANCE'] as const, 'GOVERNANCE'),
      retentionDays: int('EVIDENCE_RETENTION_DAYS', 3650, 1, 36500),
      /** How long the object store may make no progress before an upload or download is given up as 503. */
      stallMs: int('EVIDENCE_STALL_MS', 10_000, 500, 600_000),
    },
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    // Both names: the notices go out in the recipient's language, Chinese or English, from the one sender.
    mailFrom: str('MAIL_FROM', '连云港知识产权保护中心 China (Lianyungang) IP Protection Center <noreply@ipcenter.lyg.example>'),
    mailSinkDir: env.MAIL_SINK_DIR?.trim() ? env.MAIL_SINK_DIR.trim() : null,
    outbox: {
      pollMs: int('OUTBOX_POLL_MS', nodeEnv === 'test' ? 0 : 1000, 0, 3_600_000),
      maxAttempts: int('OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      batchSize: int('OUTBOX_BATCH_SIZE', 20, 1, 500),
      leaseMs: int('OUTBOX_LEASE_SECONDS', 60, 10, 3600) * 1000,
    },
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 900, 60, 86400),
    // The longest a signed-in session lasts, refreshed or not (`POST /auth/refresh`): a working day.
    sessionMaxSeconds: int('SESSION_MAX_SECONDS', 43200, 60, 604800),
    auditSigningKey: auditKey === '' ? null : auditKey,
    audit: {
      checkpointMs: int('AUDIT_CHECKPOINT_MS', nodeEnv === 'test' ? 0 : 600_000, 0, 86_400_000),
      publicKeys: (env.AUDIT_PUBLIC_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    },
    equalRatioAlert: Number.isFinite(equalRatioAlert) ? equalRatioAlert : 1.5,
    equalMinGroup: int('EQUAL_MIN_GROUP', 30, 1, 1_000_000),
    metricsToken: env.METRICS_TOKEN ? env.METRICS_TOKEN : null,
    publicUrl: publicUrlOf(env, production, problems),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginMaxFailuresPerAddress: int('LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100_000),
    loginWindowSeconds: int('LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    demo: demoOf(bool('DEMO', !production), production, problems),
    workerPollMs: int('WORKER_POLL_MS', 5000, 0, 3_600_000),
    triageRuleSetsDir: env.TRIAGE_RULE_SETS_DIR ? env.TRIAGE_RULE_SETS_DIR : null,
    triageRuleSetsReloadMs: int('TRIAGE_RULE_SETS_RELOAD_MS', nodeEnv === 'test' ? 0 : 60_000, 0, 86_400_000),
    logLevel: oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789';

/**
 * The address the web UI is reached at, for the links in notices (a respondent's answer link above all): required
 * in production, where a default of localhost would send every reader a link that cannot open.
 */
function publicUrlOf(env: NodeJS.ProcessEnv, production: boolean, problems: string[]): string {
  const given = env.PUBLIC_URL?.trim();
  if (!given) {
    if (production) problems.push('PUBLIC_URL is required in production: the address of the web UI, for the links in notices (e.g. https://ipcenter.example.cn)');
    const port = Number(env.PORT?.trim() || 3000);
    return `http://localhost:${Number.isInteger(port) ? port : 3000}`;
  }
  try {
    const u = new URL(given);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    return given.replace(/\/+$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an http(s) URL, got "${given}"`);
    return given;
  }
}

/** The demo accounts share a password printed in the README: never in production. */
function demoOf(demo: boolean, production: boolean, problems: string[]): boolean {
  if (demo && production) problems.push('DEMO must be false in production: the demo accounts sign in with a published password');
  return demo;
}
