import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
/** true/false (also 1/0, yes/no, on/off); anything else is left as it is, for the validator to name. */
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '' || typeof value === 'boolean') return value === '' ? undefined : value;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value;
};

/**
 * Every setting the applications read, validated once at start-up. Property names mirror the
 * environment variables so a validation failure names the variable to fix.
 */
export class AppConfig {
  /** `sqlite:<file>`, `sqlite::memory:` or `postgres://...`. */
  @IsString()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<file>, sqlite::memory: or postgres://user@host:port/database',
  })
  DATABASE_URL = 'sqlite:var/improvement-tracker.sqlite';

  @IsString()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address the API listens on. */
  @IsString()
  HOST = '0.0.0.0';

  /** Base address used in links inside reminder emails. */
  @IsString()
  @Matches(/^https?:\/\/.+/, { message: 'PUBLIC_URL must start with http:// or https://' })
  PUBLIC_URL = 'http://localhost:3000';

  /** IANA time zone in which "today" is decided for deadlines and reminders. */
  @IsString()
  @IsIn(Intl.supportedValuesOf('timeZone').concat('UTC'), { message: 'TZ_NAME must be an IANA time zone such as Europe/London' })
  TZ_NAME = 'Europe/London';

  /** `smtp://user:pass@host:port` or `smtps://...`; unset writes .eml files to OUTBOX_DIR instead. */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://user:password@host:port' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Improvement tracker <improvement-tracker@localhost>';

  /**
   * How reminder emails leave: `smtp` (needs SMTP_URL), `outbox` (.eml files in OUTBOX_DIR) or
   * `notify` (GOV.UK Notify: needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID). Unset: smtp when
   * SMTP_URL is set, else the outbox.
   */
  @IsOptional()
  @IsIn(['smtp', 'outbox', 'notify'], { message: 'MAIL_TRANSPORT must be smtp, outbox or notify' })
  MAIL_TRANSPORT?: 'smtp' | 'outbox' | 'notify';

  /** A GOV.UK Notify API key (`name-<service id>-<secret>`), with MAIL_TRANSPORT=notify. */
  @ValidateIf((config: AppConfig) => config.MAIL_TRANSPORT === 'notify' || config.NOTIFY_API_KEY !== undefined)
  @IsString({ message: 'NOTIFY_API_KEY must be set with MAIL_TRANSPORT=notify' })
  @Matches(/-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/, { message: 'NOTIFY_API_KEY must be a GOV.UK Notify API key: <key name>-<service id>-<secret>' })
  NOTIFY_API_KEY?: string;

  /**
   * The Notify email template every reminder uses; it must show `((subject))` as its subject
   * and `((body))` as its message (see the reminders README).
   */
  @ValidateIf((config: AppConfig) => config.MAIL_TRANSPORT === 'notify' || config.NOTIFY_TEMPLATE_ID !== undefined)
  @IsString({ message: 'NOTIFY_TEMPLATE_ID must be set with MAIL_TRANSPORT=notify' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'NOTIFY_TEMPLATE_ID must be a template id such as f33517ff-2a88-4f6e-b855-c550268ce08a' })
  NOTIFY_TEMPLATE_ID?: string;

  /** A second template for the chairs' escalations, if the service wants them to look different; unset uses NOTIFY_TEMPLATE_ID. */
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'NOTIFY_ESCALATION_TEMPLATE_ID must be a template id' })
  NOTIFY_ESCALATION_TEMPLATE_ID?: string;

  /** Notify's API; changed only to point at a stand-in. */
  @IsString()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'NOTIFY_BASE_URL must be a base address such as https://api.notifications.service.gov.uk (no path)' })
  NOTIFY_BASE_URL = 'https://api.notifications.service.gov.uk';

  /** Reminder jobs all workers together start per minute with Notify, below its limit of 3,000 requests a minute. */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFY_JOBS_PER_MINUTE must be a whole number' })
  @Min(1)
  @Max(3000)
  NOTIFY_JOBS_PER_MINUTE = 2_000;

  @IsString()
  OUTBOX_DIR = 'var/outbox';

  /**
   * Cron pattern (in TZ_NAME) of the daily reminder sweep; non-working days are skipped anyway.
   * `off` leaves the schedule alone, for workers that should only process what others queue.
   */
  @IsString()
  @Matches(/^(off|(\S+\s+){4,5}\S+)$/, { message: 'REMINDER_CRON must be a cron pattern such as "0 7 * * 1-5", or off' })
  REMINDER_CRON = '0 7 * * 1-5';

  @Transform(toInt)
  @IsInt({ message: 'DUE_SOON_DAYS must be a whole number of days' })
  @Min(1)
  DUE_SOON_DAYS = 14;

  @Transform(toInt)
  @IsInt({ message: 'OVERDUE_REPEAT_DAYS must be a whole number of days' })
  @Min(1)
  OVERDUE_REPEAT_DAYS = 7;

  @Transform(toInt)
  @IsInt({ message: 'ESCALATION_WORKING_DAYS must be a whole number of working days' })
  @Min(1)
  ESCALATION_WORKING_DAYS = 20;

  /** Days before an action already escalated to the chairs is listed to them again while it stays late. */
  @Transform(toInt)
  @IsInt({ message: 'ESCALATION_REPEAT_DAYS must be a whole number of days' })
  @Min(1)
  ESCALATION_REPEAT_DAYS = 7;

  /** Prefix of every reminder queue key in Redis, so several deployments can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'QUEUE_PREFIX may use letters, digits, dot, dash and underscore only' })
  QUEUE_PREFIX = 'improvement-tracker';

  /** Attempts per reminder email before it is marked failed (temporary failures only; permanent ones fail at once). */
  @Transform(toInt)
  @IsInt({ message: 'MAIL_ATTEMPTS must be a whole number' })
  @Min(1)
  @Max(50)
  MAIL_ATTEMPTS = 6;

  /** First retry delay of a reminder email; each later retry waits twice as long. */
  @Transform(toInt)
  @IsInt({ message: 'MAIL_BACKOFF_MS must be a whole number of milliseconds' })
  @Min(1)
  MAIL_BACKOFF_MS = 60_000;

  /** Reminder emails one worker sends at once (also the size of its SMTP connection pool). */
  @Transform(toInt)
  @IsInt({ message: 'MAIL_CONCURRENCY must be a whole number' })
  @Min(1)
  @Max(100)
  MAIL_CONCURRENCY = 5;

  /** How long a worker holds a job before another may take it over; a crashed worker's jobs resume after about twice this. */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_LOCK_MS must be a whole number of milliseconds' })
  @Min(500)
  WORKER_LOCK_MS = 30_000;

  /** Largest report upload accepted, in bytes. */
  @Transform(toInt)
  @IsInt({ message: 'MAX_UPLOAD_BYTES must be a whole number of bytes' })
  @Min(1024)
  MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

  /** A PDF with more pages than this is refused before any page is read. */
  @Transform(toInt)
  @IsInt({ message: 'MAX_PDF_PAGES must be a whole number of pages' })
  @Min(1)
  MAX_PDF_PAGES = 300;

  /** Time one uploaded file may take to read, waiting for a thread included. */
  @Transform(toInt)
  @IsInt({ message: 'PDF_TIME_LIMIT_MS must be a whole number of milliseconds' })
  @Min(100)
  PDF_TIME_LIMIT_MS = 20_000;

  /** Heap of each thread reading uploaded files, in megabytes; a PDF's compressed streams may expand to half of it. */
  @Transform(toInt)
  @IsInt({ message: 'PDF_MEMORY_MB must be a whole number of megabytes' })
  @Min(32)
  @Max(8192)
  PDF_MEMORY_MB = 512;

  /** Threads reading uploaded files (and extracting long texts) at once, beside the API's own. */
  @Transform(toInt)
  @IsInt({ message: 'EXTRACTION_THREADS must be a whole number' })
  @Min(1)
  @Max(32)
  EXTRACTION_THREADS = 2;

  /** How long an uploaded report waits on the server for its uploader to check the preview and confirm. */
  @Transform(toInt)
  @IsInt({ message: 'PENDING_UPLOAD_MINUTES must be a whole number of minutes' })
  @Min(1)
  @Max(7 * 24 * 60)
  PENDING_UPLOAD_MINUTES = 60;

  /** Folder holding the seed reports and the seeded authorities' teams and contacts. */
  @IsString()
  SEEDS_DIR = 'seeds';

  /**
   * Load the demonstration data (seed reports, teams, contacts and the demo users, who share a
   * published password). Unset: only `npm start` on the embedded default SQLite file loads it;
   * `true` loads it anywhere (a demonstration server); `false` never. A deployment loads the
   * authority directory only, and its first admin comes from ADMIN_EMAIL or `create-admin`.
   */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: boolean;

  /**
   * Whether the API (and the CLI) apply pending migrations on start, under a lock so that only one
   * process of a deployment does. `false` leaves them to a separate `improvement-tracker migrate`
   * step: the process then waits for the schema, as the worker always does.
   */
  @Transform(toBool)
  @IsBoolean({ message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN = true;

  /** How long a process that does not migrate waits for the schema to be current before giving up. */
  @Transform(toInt)
  @IsInt({ message: 'SCHEMA_WAIT_SECONDS must be a whole number of seconds' })
  @Min(1)
  SCHEMA_WAIT_SECONDS = 300;

  /** First delay before `start` restarts a process that died; each quick death in a row doubles it, up to a minute. */
  @Transform(toInt)
  @IsInt({ message: 'RESTART_BACKOFF_MS must be a whole number of milliseconds' })
  @Min(1)
  @Max(60_000)
  RESTART_BACKOFF_MS = 1_000;

  /**
   * How long a stopping worker lets the email in hand finish before it gives up on it (the email
   * stays queued and is sent again by the next worker). Keep it below the container's stop grace
   * period (docker-compose.yml: 60 s) so the worker exits before it is killed.
   */
  @Transform(toInt)
  @IsInt({ message: 'WORKER_SHUTDOWN_MS must be a whole number of milliseconds' })
  @Min(100)
  WORKER_SHUTDOWN_MS = 45_000;

  /**
   * Addresses allowed to read /api/metrics without a token, for a Prometheus server inside the
   * deployment: a comma-separated list of addresses or CIDR ranges (`10.0.0.0/8, ::1`). Unset:
   * only an administrator's token (or session) can read it.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\s*[0-9A-Fa-f.:]+(\/\d{1,3})?\s*(,\s*[0-9A-Fa-f.:]+(\/\d{1,3})?\s*)*$/, {
    message: 'METRICS_ALLOW must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8',
  })
  METRICS_ALLOW?: string;

  /**
   * Years after which journal notes and evidence of completed actions are removed (the entries
   * themselves stay, marked as removed). Unset keeps everything.
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'RETENTION_YEARS must be a whole number of years' })
  @Min(1)
  @Max(100)
  RETENTION_YEARS?: number;

  /**
   * Which due date RAG, overdue and due soon are judged by: `current` (the re-programmed date, the
   * default) or `original` (the date the report gave), for boards that rate slippage as lateness.
   */
  @IsIn(['current', 'original'], { message: 'RAG_BASIS must be current or original' })
  RAG_BASIS: 'current' | 'original' = 'current';

  /** The largest evidence file accepted, in bytes (20 MB by default). */
  @Transform(toInt)
  @IsInt({ message: 'MAX_EVIDENCE_BYTES must be a whole number of bytes' })
  @Min(1024)
  @Max(1_073_741_824)
  MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

  /**
   * A directory for evidence files' bytes, for deployments with many large files; unset keeps them
   * in the database (SQLite and PostgreSQL alike), so a backup of the database is a backup of them.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  EVIDENCE_DIR?: string;

  /** With ADMIN_PASSWORD: the first admin, created on start when the database has no user yet. */
  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address, set together with ADMIN_PASSWORD' })
  ADMIN_EMAIL?: string;

  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'ADMIN_PASSWORD must be set together with ADMIN_EMAIL' })
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  /**
   * Single sign-on with the council's OpenID Connect provider (Microsoft Entra ID, Google, ...): the
   * issuer's address; with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET it puts "Sign in with ..." beside
   * the password form. Unset: passwords only.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OIDC_ISSUER must be the provider’s address, such as https://login.microsoftonline.com/<tenant>/v2.0' })
  OIDC_ISSUER?: string;

  @ValidateIf((config: AppConfig) => config.OIDC_ISSUER !== undefined)
  @IsString({ message: 'OIDC_CLIENT_ID must be set with OIDC_ISSUER' })
  OIDC_CLIENT_ID?: string;

  @ValidateIf((config: AppConfig) => config.OIDC_ISSUER !== undefined)
  @IsString({ message: 'OIDC_CLIENT_SECRET must be set with OIDC_ISSUER' })
  OIDC_CLIENT_SECRET?: string;

  /** The button says "Sign in with <this>". */
  @IsString()
  OIDC_BUTTON_LABEL = 'your council account';

  /** Sign-in and token requests allowed per client address per minute. */
  @Transform(toInt)
  @IsInt({ message: 'AUTH_RATE_LIMIT must be a whole number of requests per minute' })
  @Min(1)
  AUTH_RATE_LIMIT = 10;

  /**
   * The reverse proxies (load balancers) in front of the API, whose `X-Forwarded-For` says which
   * client a request is from: a comma-separated list of addresses, CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`. Rate limits count per client address, so behind a proxy that is
   * not listed every client shares the proxy's budget; a header from any other peer is ignored,
   * so nobody gets a fresh budget by inventing one. Unset: no proxy is trusted.
   */
  @ValidateBy({
    name: 'isProxyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && proxyList(value).every(isProxyEntry),
      defaultMessage: () => 'TRUSTED_PROXIES must be a comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal',
    },
  })
  TRUSTED_PROXIES = '';

  /**
   * How long, in milliseconds, a checked token or session is remembered before it is looked up
   * again; 0 looks it up on every request. Revocation, sign-out and role changes take effect at once
   * in the process that makes them, and within this time in any other API process.
   */
  @Transform(toInt)
  @IsInt({ message: 'AUTH_CACHE_MS must be a whole number of milliseconds (0 turns the memo off)' })
  @Min(0)
  @Max(60_000)
  AUTH_CACHE_MS = 2_000;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], { message: 'LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose' })
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** `json` for one JSON object per line (deployments), `pretty` for a terminal. */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  // Human-readable on a terminal, JSON for anything collecting the output (or when set to json).
  LOG_FORMAT: 'json' | 'pretty' = process.stdout.isTTY ? 'pretty' : 'json';
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Settings without a default, which `new AppConfig()` therefore does not list. */
const OPTIONAL_KEYS = [
  'SMTP_URL',
  'MAIL_TRANSPORT',
  'NOTIFY_API_KEY',
  'NOTIFY_TEMPLATE_ID',
  'NOTIFY_ESCALATION_TEMPLATE_ID',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'SEED_DEMO',
  'METRICS_ALLOW',
  'RETENTION_YEARS',
  'EVIDENCE_DIR',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
];

/** Builds the typed configuration from an environment, or throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = Object.keys(new AppConfig());
  const relevant = Object.fromEntries(
    // An empty value means unset, as `ADMIN_EMAIL: ${ADMIN_EMAIL:-}` in docker-compose.yml passes it.
    Object.entries(env).filter(([key, value]) => value !== undefined && value !== '' && (known.includes(key) || OPTIONAL_KEYS.includes(key))),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`)));
  }
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) throw new ConfigValidationError(['SMTP_URL: must be set with MAIL_TRANSPORT=smtp']);
  givenKeys.set(config, new Set(Object.keys(relevant)));
  return config;
}

/** The database `npm start` uses when nothing else is configured: the embedded quick start. */
export const EMBEDDED_DATABASE_URL = new AppConfig().DATABASE_URL;

/** Whether the demonstration data (with its published password) may be loaded into this database. */
/** TRUSTED_PROXIES as the list Express's `trust proxy` takes; empty when no proxy is trusted. */
export function trustedProxiesOf(config: Pick<AppConfig, 'TRUSTED_PROXIES'>): string[] {
  return proxyList(config.TRUSTED_PROXIES);
}

function proxyList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export function demoDataAllowed(config: AppConfig): boolean {
  return config.SEED_DEMO ?? config.DATABASE_URL === EMBEDDED_DATABASE_URL;
}

/** Whether PUBLIC_URL points at this machine only (a developer's or an evaluator's), not at a deployment. */
export function isLocalPublicUrl(config: AppConfig): boolean {
  const host = new URL(config.PUBLIC_URL).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Which settings came from the environment rather than their defaults. */
const givenKeys = new WeakMap<AppConfig, ReadonlySet<string>>();

/** The transport reminder emails go through, with MAIL_TRANSPORT's default applied. */
export function mailTransportOf(config: AppConfig): 'smtp' | 'outbox' | 'notify' {
  return config.MAIL_TRANSPORT ?? (config.SMTP_URL ? 'smtp' : 'outbox');
}

/**
 * What is wrong with PUBLIC_URL for the links in emails, in words for the start-up log; empty when
 * nothing looks wrong. Unset, every link points at http://localhost:3000, which is right only for
 * someone reading the email on the machine that runs the API on port 3000.
 */
export function publicUrlWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  const url = new URL(config.PUBLIC_URL);
  if (!givenKeys.get(config)?.has('PUBLIC_URL')) {
    warnings.push(`PUBLIC_URL is not set: links in emails point at ${config.PUBLIC_URL}. Set it to the address people open the tracker at, such as https://tracker.council.gov.uk`);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (isLocalPublicUrl(config) && port !== config.PORT) {
    warnings.push(`PUBLIC_URL ${config.PUBLIC_URL} is on this machine but on port ${port}, while the API listens on port ${config.PORT}: links in emails will not open`);
  }
  if (url.search || url.hash || url.username) warnings.push(`PUBLIC_URL ${config.PUBLIC_URL} should be a plain address without a query, fragment or credentials`);
  return warnings;
}

/** The one place the process environment is read. */
export function loadConfigFromEnvironment(): AppConfig {
  return loadConfig(process.env);
}
