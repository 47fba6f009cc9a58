import path from 'node:path';
import { z } from 'zod';

/** The development secret: fine on a laptop, refused in production. */
const DEV_SECRET = 'staffroom-development-secret-do-not-use-in-production';

/**
 * Connections per tool process. A few busy connections per database core serve more than many idle ones: on the
 * launch storm, 4 instead of 10 cost PostgreSQL ~0.2 ms less per launch at equal throughput (ADR 0016).
 */
export const DEFAULT_DATABASE_POOL_MAX = 4;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(DEFAULT_DATABASE_POOL_MAX),
  STAFFROOM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LTI_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  LTI_LOGIN_STATE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(8 * 3600),
  PLATFORM_JWKS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86400).default(600),
  TOOL_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  TOOL_KEY_OVERLAP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  SANDBOX: z.enum(['on', 'off']).optional(),
  RATE_LIMIT_LTI_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  RATE_LIMIT_UPLOADS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(120),
  TRUST_PROXY: z.string().regex(/^(true|false|loopback|\d{1,2}|[\d.:/a-f, ]+)$/i, 'must be true, false, loopback, a hop count or addresses').default('loopback'),
  OPERATOR_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  LTI11_ENABLED: z.enum(['on', 'off']).optional(),
  JOB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL schema name').default('pgboss'),
  JOB_POLLING_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  GRADE_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(10),
  GRADE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  GRADE_RETRY_BACKOFF: z.enum(['on', 'off']).default('on'),
  GRADE_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  GRADE_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  GRADE_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  ROSTER_PAGE_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(120).default(10),
  ROSTER_SYNC_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  ROSTER_SYNC_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ROSTER_MAX_PAGES: z.coerce.number().int().min(1).max(100_000).default(1000),
  ATTACHMENTS_STORAGE: z.enum(['local', 's3']).default('local'),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  ATTACHMENTS_MAX_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 ** 3).default(25 * 1024 ** 2),
  ATTACHMENTS_UNREFERENCED_TTL_HOURS: z.coerce.number().min(1).max(24 * 365).default(24),
  ATTACHMENTS_S3_BUCKET: z.string().min(3).max(63).optional(),
  ATTACHMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
  ATTACHMENTS_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  ATTACHMENTS_S3_FORCE_PATH_STYLE: z.enum(['on', 'off']).default('off'),
  ATTACHMENTS_S3_PREFIX: z.string().regex(/^[A-Za-z0-9._\/-]*$/, 'letters, digits, . _ - and / only').default('attachments/'),
  ATTACHMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ATTACHMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

/** Typed, validated configuration; the only place that reads process.env. */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** The tool's public origin + base path, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Encrypts private keys at rest and signs session tokens. */
  secret: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  lti: {
    clockSkewSeconds: number;
    loginStateTtlSeconds: number;
    platformJwksCacheSeconds: number;
  };
  sessionTtlSeconds: number;
  toolKeys: { rotationDays: number; overlapDays: number };
  /** The job queue's schema and how often idle workers look for work. */
  jobs: { schema: string; pollingSeconds: number };
  /** Grade passback (AGS): retries of transient failures (exponential backoff with jitter), call timeout, worker sizing. */
  grades: { retryLimit: number; retryDelaySeconds: number; retryBackoff: boolean; httpTimeoutMs: number; batchSize: number; workers: number };
  /** Roster sync (NRPS): time allowed per page, most pages per course, retries (with backoff) of transient failures. */
  roster: { pageTimeoutMs: number; maxPages: number; retryLimit: number; retryDelaySeconds: number };
  /** The built-in test platform at /sandbox: never in production. */
  sandboxEnabled: boolean;
  /** Requests per minute per client address (LTI login, launch, uploads); 0 turns a limit off. */
  rateLimits: { ltiPerMinute: number; uploadsPerMinute: number };
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe (the load balancer's). */
  trustProxy: boolean | number | string;
  /** Bearer token of the operator API (/api/operator); unset, the API does not exist. */
  operatorToken: string | undefined;
  /** Legacy LTI 1.1 launches and Basic Outcomes (lti-tool/src/lti11): a district opts in in production. */
  lti11: { enabled: boolean };
  /** Uploaded files (lti-tool/src/attachments): where they are kept, the largest accepted, how long an unreferenced one lives. */
  attachments: AttachmentsConfig;
}

/** Attachment storage: local disk (a 0700 folder outside the web root) or an S3-compatible bucket. */
export interface AttachmentsConfig {
  storage: 'local' | 's3';
  /** Local objects, and every upload while it streams in (also with S3). */
  dir: string;
  /** The ceiling for every purpose; a purpose may declare less. */
  maxBytes: number;
  /** Uploads no feature references are deleted after this long. */
  unreferencedTtlHours: number;
  s3: { bucket: string; region: string; endpoint: string | undefined; forcePathStyle: boolean; prefix: string; credentials: { accessKeyId: string; secretAccessKey: string } | undefined } | null;
}

/** Raised when the environment is wrong; the message names each variable and what it should be. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.STAFFROOM_SECRET) problems.push('STAFFROOM_SECRET: required in production (at least 32 random characters)');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL: required in production (the https URL the LMS reaches the tool at)');
    else if (!e.PUBLIC_URL.startsWith('https://')) problems.push('PUBLIC_URL: must be https in production');
    if (e.SANDBOX === 'on') problems.push('SANDBOX: the sandbox platform cannot be turned on in production');
  }
  if (e.STAFFROOM_SECRET === DEV_SECRET && e.NODE_ENV === 'production') {
    problems.push('STAFFROOM_SECRET: the development secret cannot be used in production');
  }
  if (e.ATTACHMENTS_STORAGE === 's3' && !e.ATTACHMENTS_S3_BUCKET) problems.push('ATTACHMENTS_S3_BUCKET: required when ATTACHMENTS_STORAGE=s3');
  if (!e.ATTACHMENTS_S3_ACCESS_KEY_ID !== !e.ATTACHMENTS_S3_SECRET_ACCESS_KEY) {
    problems.push('ATTACHMENTS_S3_ACCESS_KEY_ID: set both it and ATTACHMENTS_S3_SECRET_ACCESS_KEY, or neither (then the AWS default credential chain applies)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    secret: e.STAFFROOM_SECRET ?? DEV_SECRET,
    logLevel: e.LOG_LEVEL,
    lti: {
      clockSkewSeconds: e.LTI_CLOCK_SKEW_SECONDS,
      loginStateTtlSeconds: e.LTI_LOGIN_STATE_TTL_SECONDS,
      platformJwksCacheSeconds: e.PLATFORM_JWKS_CACHE_SECONDS,
    },
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    toolKeys: { rotationDays: e.TOOL_KEY_ROTATION_DAYS, overlapDays: e.TOOL_KEY_OVERLAP_DAYS },
    jobs: { schema: e.JOB_SCHEMA, pollingSeconds: e.JOB_POLLING_SECONDS },
    grades: {
      retryLimit: e.GRADE_RETRY_LIMIT,
      retryDelaySeconds: e.GRADE_RETRY_DELAY_SECONDS,
      retryBackoff: e.GRADE_RETRY_BACKOFF === 'on',
      httpTimeoutMs: e.GRADE_HTTP_TIMEOUT_MS,
      batchSize: e.GRADE_BATCH_SIZE,
      workers: e.GRADE_WORKERS,
    },
    roster: { pageTimeoutMs: Math.round(e.ROSTER_PAGE_TIMEOUT_SECONDS * 1000), maxPages: e.ROSTER_MAX_PAGES, retryLimit: e.ROSTER_SYNC_RETRY_LIMIT, retryDelaySeconds: e.ROSTER_SYNC_RETRY_DELAY_SECONDS },
    sandboxEnabled: e.NODE_ENV !== 'production' && e.SANDBOX !== 'off',
    operatorToken: e.OPERATOR_TOKEN,
    rateLimits: { ltiPerMinute: e.RATE_LIMIT_LTI_PER_MINUTE, uploadsPerMinute: e.RATE_LIMIT_UPLOADS_PER_MINUTE },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    lti11: { enabled: e.LTI11_ENABLED ? e.LTI11_ENABLED === 'on' : e.NODE_ENV !== 'production' },
    attachments: {
      storage: e.ATTACHMENTS_STORAGE,
      dir: path.resolve(e.ATTACHMENTS_DIR ?? path.join(e.DATA_DIR, 'attachments')),
      maxBytes: e.ATTACHMENTS_MAX_BYTES,
      unreferencedTtlHours: e.ATTACHMENTS_UNREFERENCED_TTL_HOURS,
      s3:
        e.ATTACHMENTS_STORAGE === 's3' && e.ATTACHMENTS_S3_BUCKET
          ? {
              bucket: e.ATTACHMENTS_S3_BUCKET,
              region: e.ATTACHMENTS_S3_REGION,
              endpoint: e.ATTACHMENTS_S3_ENDPOINT,
              forcePathStyle: e.ATTACHMENTS_S3_FORCE_PATH_STYLE === 'on',
              prefix: e.ATTACHMENTS_S3_PREFIX,
              credentials: e.ATTACHMENTS_S3_ACCESS_KEY_ID && e.ATTACHMENTS_S3_SECRET_ACCESS_KEY ? { accessKeyId: e.ATTACHMENTS_S3_ACCESS_KEY_ID, secretAccessKey: e.ATTACHMENTS_S3_SECRET_ACCESS_KEY } : undefined,
            }
          : null,
    },
  };
}

function parseTrustProxy(v: string): boolean | number | string {
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
