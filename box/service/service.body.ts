/**
 * Small readers for untrusted JSON bodies: each throws a 400 DataboxError naming the field.
 */
import { DataboxError } from '../../core/errors';

export type JsonRecord = Record<string, unknown>;

/** @example isRecord({}) // true; isRecord([]) // false */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @example const body = requireRecord(req.body, 'the request body'); */
export function requireRecord(value: unknown, what: string): JsonRecord {
  if (!isRecord(value)) throw new DataboxError('body-invalid', `${what} must be a JSON object`, { status: 400 });
  return value;
}

/** @example const name = requireString(body, 'name', { pattern: /^[a-z]+$/ }); */
export function requireString(body: JsonRecord, field: string, options: { pattern?: RegExp; max?: number } = {}): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new DataboxError('field-invalid', `"${field}" must be a non-empty string`, { status: 400 });
  if (value.length > (options.max ?? 512)) throw new DataboxError('field-invalid', `"${field}" is too long (at most ${options.max ?? 512} characters)`, { status: 400 });
  if (options.pattern && !options.pattern.test(value)) throw new DataboxError('field-invalid', `"${field}" has an invalid value`, { status: 400, hint: `It must match ${options.pattern}` });
  return value;
}

/** @example const observe = optionalString(body, 'observe'); */
export function optionalString(body: JsonRecord, field: string, options: { pattern?: RegExp; max?: number } = {}): string | undefined {
  return body[field] === undefined ? undefined : requireString(body, field, options);
}

/** @example const from = optionalInteger(query, 'from', { min: 0 }); */
export function optionalInteger(body: JsonRecord, field: string, options: { min?: number; max?: number } = {}): number | undefined {
  const raw = body[field];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^-?\d{1,16}$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < (options.min ?? Number.MIN_SAFE_INTEGER) || value > (options.max ?? Number.MAX_SAFE_INTEGER)) {
    throw new DataboxError('field-invalid', `"${field}" must be an integer${options.min !== undefined ? ` >= ${options.min}` : ''}${options.max !== undefined ? ` <= ${options.max}` : ''}`, { status: 400 });
  }
  return value;
}
