/**
 * A change asked with a person's session (the studio's developer, the box's owner) must come
 * from that server's own pages: a request that is not a GET/HEAD is cross-site when the browser
 * says so (`Sec-Fetch-Site`) or its `Origin` is another origin. Pure over the request's headers.
 *
 * @example
 * if (crossSite(req)) throw new DataboxError('cross-site-refused', ...);
 */
import type { Request } from 'express';

export function crossSite(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  // A browser that says where the request comes from is believed: with Referrer-Policy
  // no-referrer (the box's) its same-origin form posts carry `Origin: null`.
  const site = req.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = req.get('origin');
  return origin !== undefined && origin !== `${req.protocol}://${req.get('host') ?? ''}`;
}
