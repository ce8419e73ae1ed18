/**
 * Exactly what an installed component may get tokens for, decided by the box from the
 * verified manifest and the owner's bindings, never from what a caller sends (pure):
 * - each bound sensor: GET on its series (reads) and GET with `observe = data` (new values);
 * - each bound actuator: POST on its series;
 * - its own datastore, when it has one: GET, POST and DELETE on all of it, and observe;
 * - each whitelisted export URL: POST /export on the export service with that destination (and
 *   the entry's privacy spec, which the export service then enforces);
 * and nothing more.
 *
 * @example
 * grantsFor(manifest, { load: 'loadavg1' }, sources, { store: 'my-app-store', exportService: 'export-service' })
 * // [{ target: 'os-monitor-store', path: '/ts/loadavg1/*', method: 'GET' }, ...]
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { Grant } from '../arbiter/arbiter.types';
import type { DataSource } from '../state/box.db';

export function grantsFor(manifest: Manifest, bindings: Readonly<Record<string, string>>, sources: readonly DataSource[], where: { store?: string; exportService: string }): Grant[] {
  const grants: Grant[] = [];
  for (const ds of manifest.datasources) {
    const source = sources.find((s) => s.id === bindings[ds.clientid]);
    if (!source) continue;
    const series = `/${source.storeType}/${source.id}`;
    if (ds.actuator) grants.push({ target: source.store, path: series, method: 'POST' });
    else grants.push({ target: source.store, path: `${series}/*`, method: 'GET' }, { target: source.store, path: series, method: 'GET', observe: 'data' });
  }
  if (where.store) {
    for (const method of ['GET', 'POST', 'DELETE'] as const) grants.push({ target: where.store, path: '/*', method });
    grants.push({ target: where.store, path: '/*', method: 'GET', observe: 'data' });
  }
  for (const entry of manifest['export-whitelist']) grants.push({ target: where.exportService, path: '/export', method: 'POST', destination: entry.url, ...(entry.privacy ? { privacy: entry.privacy } : {}) });
  return dedupe(grants);
}

/** What makes two grants the same route (a privacy spec is a property of the route, not another one). */
export function grantKey(g: Grant): string {
  return JSON.stringify([g.target, g.path, g.method, g.observe ?? '', g.destination ?? '']);
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = grantKey(g);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
