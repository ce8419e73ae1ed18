/**
 * Deny-by-default check for the page's WebSocket: a browser always sends `Origin`, and a
 * page from another site must not read the app's data (cross-site WebSocket hijacking).
 * Allowed: no Origin (not a browser), or an Origin whose host is the request's `Host` (or
 * the `X-Forwarded-Host` the box's proxy sets).
 *
 * @example
 * originAllowed({ origin: 'http://box.local', host: 'box.local' }) // true
 * originAllowed({ origin: 'https://evil.example', host: 'box.local' }) // false
 */
export interface OriginHeaders {
  origin?: string;
  host?: string;
  'x-forwarded-host'?: string;
}

export function originAllowed(headers: OriginHeaders): boolean {
  if (headers.origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(headers.origin).host.toLowerCase();
  } catch {
    return false;
  }
  const hosts = [headers.host, ...(headers['x-forwarded-host'] ?? '').split(',')]
    .map((h) => (h ?? '').trim().toLowerCase())
    .filter((h) => h !== '');
  return hosts.includes(originHost);
}
