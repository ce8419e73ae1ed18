/** The PostgreSQL schema (version 1), applied idempotently under an advisory lock. */
export const POSTGRES_SCHEMA = `
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
  exports_data BOOLEAN NOT NULL DEFAULT FALSE,
  approved BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at TEXT NOT NULL DEFAULT '',
  search TSVECTOR
);
CREATE INDEX IF NOT EXISTS apps_listed_name ON apps (name COLLATE "C") WHERE listed_version IS NOT NULL;
CREATE INDEX IF NOT EXISTS apps_search ON apps USING GIN (search);
CREATE TABLE IF NOT EXISTS versions (
  seq BIGSERIAL,
  app TEXT NOT NULL REFERENCES apps(name),
  version TEXT NOT NULL,
  channel TEXT NOT NULL,
  changelog TEXT NOT NULL,
  publisher TEXT NOT NULL,
  manifest TEXT NOT NULL,
  size BIGINT NOT NULL,
  content_hash TEXT NOT NULL,
  blob_hash TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL,
  review TEXT NOT NULL,
  reviewed_by TEXT,
  yanked BOOLEAN NOT NULL DEFAULT FALSE,
  published_at TEXT NOT NULL,
  PRIMARY KEY (app, version)
);
CREATE INDEX IF NOT EXISTS versions_review ON versions (review, published_at);
CREATE INDEX IF NOT EXISTS versions_blob ON versions (blob_hash);
CREATE TABLE IF NOT EXISTS app_tags (tag TEXT NOT NULL, app TEXT NOT NULL, PRIMARY KEY (tag, app));
CREATE TABLE IF NOT EXISTS app_datasource_types (type TEXT NOT NULL, app TEXT NOT NULL, PRIMARY KEY (type, app));
CREATE INDEX IF NOT EXISTS app_tags_app ON app_tags (app);
CREATE INDEX IF NOT EXISTS app_datasource_types_app ON app_datasource_types (app);
CREATE TABLE IF NOT EXISTS key_handovers (
  seq BIGSERIAL PRIMARY KEY, app TEXT NOT NULL, old_key TEXT NOT NULL, new_key TEXT NOT NULL,
  signature TEXT NOT NULL, by_login TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (token_hash TEXT PRIMARY KEY, login TEXT NOT NULL, created_at TEXT NOT NULL);
`;
