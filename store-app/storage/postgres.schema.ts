/**
 * The PostgreSQL schema, applied idempotently under an advisory lock. Version 2 searches by
 * `terms` (the same index terms as SQLite's, `indexTerms`, as a tsvector with a GIN index) and
 * keeps per-term app counts and each listing's JSON; it drops version 1's `search` column and
 * filter tables, which it replaces (the repository re-indexes a version 1 database on open).
 */
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
  terms TSVECTOR,
  listing TEXT
);
ALTER TABLE apps ADD COLUMN IF NOT EXISTS terms TSVECTOR;
ALTER TABLE apps ADD COLUMN IF NOT EXISTS listing TEXT;
DROP INDEX IF EXISTS apps_search;
ALTER TABLE apps DROP COLUMN IF EXISTS search;
DROP TABLE IF EXISTS app_tags;
DROP TABLE IF EXISTS app_datasource_types;
CREATE INDEX IF NOT EXISTS apps_listed_name ON apps (name COLLATE "C") WHERE listed_version IS NOT NULL;
CREATE INDEX IF NOT EXISTS apps_terms ON apps USING GIN (terms);
CREATE TABLE IF NOT EXISTS search_term_counts (term TEXT PRIMARY KEY, n INTEGER NOT NULL);
-- One search in one round trip. All query terms must be indexed; one term's count is the total,
-- several are counted through the GIN index. A page of few matches is fetched through the GIN
-- index and sorted (the OFFSET 0 fence keeps the sort outside); a page of many walks the name
-- index in order (the coalesce keeps the GIN index out) and stops after the page. A sequential
-- scan is never the better plan here (each row's terms are large), though the planner may think so.
CREATE OR REPLACE FUNCTION store_search(query_terms TEXT[], q TSQUERY, page_limit INTEGER, page_offset INTEGER, narrow INTEGER,
  OUT total BIGINT, OUT page TEXT) LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $search$
DECLARE
  found INTEGER;
  rarest INTEGER;
BEGIN
  SELECT count(*), min(n) INTO found, rarest FROM search_term_counts WHERE term = ANY(query_terms);
  total := 0;
  IF found < cardinality(query_terms) THEN RETURN; END IF;
  IF cardinality(query_terms) = 1 THEN total := rarest;
  ELSE SELECT count(*) INTO total FROM apps WHERE terms @@ q;
  END IF;
  IF total <= page_offset THEN RETURN; END IF;
  IF total <= narrow THEN
    SELECT string_agg(m.listing, ',' ORDER BY m.name COLLATE "C") INTO page FROM (
      SELECT f.name, f.listing FROM (SELECT name, listing FROM apps WHERE terms @@ q OFFSET 0) f
      ORDER BY f.name COLLATE "C" LIMIT page_limit OFFSET page_offset) m;
  ELSE
    SELECT string_agg(m.listing, ',' ORDER BY m.name COLLATE "C") INTO page FROM (
      SELECT name, listing FROM apps WHERE listed_version IS NOT NULL AND coalesce(terms, ''::tsvector) @@ q
      ORDER BY name COLLATE "C" LIMIT page_limit OFFSET page_offset) m;
  END IF;
END
$search$;
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
CREATE TABLE IF NOT EXISTS key_handovers (
  seq BIGSERIAL PRIMARY KEY, app TEXT NOT NULL, old_key TEXT NOT NULL, new_key TEXT NOT NULL,
  signature TEXT NOT NULL, by_login TEXT NOT NULL, at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (token_hash TEXT PRIMARY KEY, login TEXT NOT NULL, created_at TEXT NOT NULL);
`;
