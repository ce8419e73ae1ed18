/**
 * Option parsers more than one command uses. Pure; each throws a DataboxError a person can act on.
 *
 * @example
 * parseHttpUrl('http://127.0.0.1:7001') // 'http://127.0.0.1:7001'
 * parseHttpUrl('127.0.0.1:7001')        // throws DataboxError url-invalid
 */
import { DataboxError } from '../errors';

export function parseHttpUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new DataboxError('url-invalid', 'not an http:// or https:// URL', { hint: 'Give the whole address, e.g. http://127.0.0.1:7001' });
  }
  return text;
}
