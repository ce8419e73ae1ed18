/** The SQLite schema (version 1). Applied idempotently when the store opens its database. */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS apps (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  listed_version TEXT,
  display_name TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT 'app',
  channel TEXT NOT NULL DEFAULT 'stable',
  tags TEXT NOT NULL DEFAULT '[]',
  datasource_types TEXT NOT NULL DEFAULT '[]',
  exports_data INTEGER NOT NULL DEFAULT 0,
  approved INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS apps_listed ON apps (listed_version, name);
CREATE TABLE IF NOT EXISTS versions (
  app TEXT NOT NULL REFERENCES apps(name),
  version TEXT NOT NULL,
  channel TEXT NOT NULL,
  changelog TEXT NOT NULL,
  publisher TEXT NOT NULL,
  manifest TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  blob_hash TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL,
  review TEXT NOT NULL,
  reviewed_by TEXT,
  yanked INTEGER NOT NULL DEFAULT 0,
  published_at TEXT NOT NULL,
  PRIMARY KEY (app, version)
);
CREATE INDEX IF NOT EXISTS versions_review ON versions (review, published_at);
CREATE INDEX IF NOT EXISTS versions_blob ON versions (blob_hash);
-- The search index: one row per listed app, its rowid the app's rowid; body: the words,
-- facets: the filters as tokens (search.query.ts). Prefix indexes make short prefixes cheap.
CREATE VIRTUAL TABLE IF NOT EXISTS apps_search USING fts5 (body, facets, tokenize = 'unicode61', prefix = '2 3 4 5 6 7 8');
-- The term index searches read pages from (terms in name order, counts per term): sqlite.term-index.ts.
CREATE TABLE IF NOT EXISTS key_handovers (
  app TEXT NOT NULL, old_key TEXT NOT NULL, new_key TEXT NOT NULL, signature TEXT NOT NULL,
  by_login TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (token_hash TEXT PRIMARY KEY, login TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
`;
