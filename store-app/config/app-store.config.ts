/**
 * The store's configuration: `<data dir>/store-config.json` (optional; every field has a
 * default) with a few environment overrides. Validated on read; a bad file is a clear error.
 *
 * {"mode": "curated", "moderators": ["alice"], "maxBundleBytes": 16777216,
 *  "publishRateLimit": {"count": 30, "windowSeconds": 3600}, "githubApiUrl": "https://api.github.com"}
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_LIMITS } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import type { AppStoreMode } from '../domain/review.rules';

export interface AppStoreConfig {
  dataDir: string;
  mode: AppStoreMode;
  /** GitHub logins that may approve, reject and yank anything. */
  moderators: string[];
  /** Base URL of the GitHub API (GitHub Enterprise: https://host/api/v3; tests: a local server). */
  githubApiUrl: string;
  /** How long a GitHub token's identity is remembered. */
  identityCacheMs: number;
  /** The largest upload (a bundle .tgz) accepted; default the bundle format's limit (16 MiB, decision 0015). */
  maxBundleBytes: number;
  publishRateLimit: { count: number; windowMs: number };
  /** PostgreSQL URL; SQLite in the data dir when absent. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema (DATABOX_DATABASE_SCHEMA); default `public`. */
  databaseSchema: string | undefined;
  /** How long public reads (search, app detail) may be served from memory; 0 turns it off. */
  readCacheMs: number;
}

export const CONFIG_FILE = 'store-config.json';

/**
 * @example
 * const config = loadAppStoreConfig('/var/lib/databox-store', process.env);
 */
export function loadAppStoreConfig(dataDir: string, env: NodeJS.ProcessEnv = process.env): AppStoreConfig {
  const file = path.join(dataDir, CONFIG_FILE);
  const raw = existsSync(file) ? readJson(file) : {};
  return parseAppStoreConfig(raw, dataDir, env);
}

/** Pure: the configuration from a parsed config file and the environment. */
export function parseAppStoreConfig(raw: unknown, dataDir: string, env: NodeJS.ProcessEnv): AppStoreConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('the file must hold a JSON object');
  const value: Record<string, unknown> = { ...raw };
  const mode = value.mode ?? 'open';
  if (mode !== 'open' && mode !== 'curated') throw bad('"mode" must be "open" or "curated"');
  const moderators = value.moderators ?? [];
  if (!Array.isArray(moderators) || !moderators.every((m) => typeof m === 'string' && m !== '')) throw bad('"moderators" must be a list of GitHub logins');
  if (mode === 'curated' && moderators.length === 0) throw bad('a curated store needs at least one login in "moderators"');
  const maxBundleBytes = positive(value.maxBundleBytes ?? BUNDLE_LIMITS.maxBytes, 'maxBundleBytes');
  const rate = value.publishRateLimit ?? {};
  if (typeof rate !== 'object' || rate === null) throw bad('"publishRateLimit" must be {count, windowSeconds}');
  const rateRecord: Record<string, unknown> = { ...rate };
  const githubApiUrl = String(env.DATABOX_GITHUB_API_URL || value.githubApiUrl || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(githubApiUrl)) throw bad('"githubApiUrl" must be an http(s) URL');
  return {
    dataDir,
    mode,
    moderators: moderators.map((m: string) => m.toLowerCase()),
    githubApiUrl,
    identityCacheMs: positive(value.identityCacheSeconds ?? 60, 'identityCacheSeconds') * 1000,
    maxBundleBytes,
    publishRateLimit: {
      count: positive(rateRecord.count ?? 30, 'publishRateLimit.count'),
      windowMs: positive(rateRecord.windowSeconds ?? 3600, 'publishRateLimit.windowSeconds') * 1000,
    },
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABOX_DATABASE_SCHEMA || undefined,
    readCacheMs: value.readCacheMs === 0 ? 0 : positive(value.readCacheMs ?? 1000, 'readCacheMs'),
  };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw bad(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw bad(`"${field}" must be a positive whole number`);
  return value;
}

function bad(message: string): DataboxError {
  return new DataboxError('config-invalid', `${CONFIG_FILE}: ${message}`, { status: 500, hint: `Fix ${CONFIG_FILE} in the store's data directory` });
}
