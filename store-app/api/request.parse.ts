/**
 * Reading request parameters strictly (pure): a bad value is a 400 naming the parameter.
 */
import semver from 'semver';
import { DataboxError } from '../../core/errors';
import { APP_NAME } from '../../core/manifest/manifest.types';
import { DATASOURCE_TYPE_ID } from '../../core/catalogue/catalogue';
import type { Channel, SearchQuery } from '../domain/app-store.types';

type Query = Record<string, unknown>;

export function appName(value: unknown): string {
  if (typeof value !== 'string' || !APP_NAME.test(value)) throw bad('name', 'an app name is one lower-case word (letters, digits, "-")');
  return value;
}

export function versionParam(value: unknown, field = 'version'): string {
  if (typeof value !== 'string' || value.length > 64 || semver.valid(value) !== value) throw bad(field, 'must be a semantic version such as 1.0.0');
  return value;
}

/**
 * @example
 * searchQuery({ q: 'load', type: 'app', exports: 'no', limit: '20' });
 */
export function searchQuery(query: Query): SearchQuery {
  const text = single(query, 'q');
  if (text !== undefined && text.length > 200) throw bad('q', 'must be at most 200 characters');
  const tag = single(query, 'tag');
  if (tag !== undefined && (tag.length === 0 || tag.length > 64)) throw bad('tag', 'must be 1 to 64 characters');
  const type = single(query, 'type');
  if (type !== undefined && type !== 'app' && type !== 'driver') throw bad('type', 'must be "app" or "driver"');
  const datasource = single(query, 'datasource');
  if (datasource !== undefined && !DATASOURCE_TYPE_ID.test(datasource)) throw bad('datasource', 'must be a data-source type such as loadavg1');
  const exports = single(query, 'exports');
  if (exports !== undefined && !['yes', 'no', ''].includes(exports)) throw bad('exports', 'must be "yes" or "no"');
  return {
    ...(text ? { text } : {}),
    ...(tag ? { tag } : {}),
    ...(type ? { type } : {}),
    ...(datasource ? { datasourceType: datasource } : {}),
    ...(exports ? { exportsData: exports === 'yes' } : {}),
    limit: integer(query, 'limit', 20, 1, 100),
    offset: integer(query, 'offset', 0, 0, 1_000_000),
  };
}

export function channelHeader(value: string | undefined): Channel {
  if (value === undefined || value === '' || value === 'stable') return 'stable';
  if (value === 'beta') return 'beta';
  throw bad('X-Databox-Channel', 'must be "stable" or "beta"');
}

/** A header that carries free text, percent-encoded (changelogs). */
export function decodedHeader(value: string | undefined, field: string): string {
  if (value === undefined) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    throw bad(field, 'must be percent-encoded UTF-8 (encodeURIComponent)');
  }
}

function single(query: Query, field: string): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(field, 'must be given once, as text');
  return value.trim() === '' ? undefined : value.trim();
}

function integer(query: Query, field: string, fallback: number, min: number, max: number): number {
  const text = single(query, field);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(field, `must be a whole number from ${min} to ${max}`);
  return n;
}

function bad(field: string, message: string): DataboxError {
  return new DataboxError('field-invalid', `${field} ${message}`, { status: 400, hint: 'See /api/openapi.json for the parameters' });
}
