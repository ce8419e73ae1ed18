/**
 * What a built app asks for, in plain lines for the terminal. Pure.
 *
 * @example
 * bundleSummary(manifest) // ['  reads loadavg1_ab12cd34 (loadavg1)', '  exports to https://...: from loadavg1_ab12cd34']
 */
import type { Manifest } from '../../core/manifest/manifest.types';

export function bundleSummary(manifest: Manifest): string[] {
  const lines: string[] = [];
  for (const ds of manifest.datasources) {
    const verb = ds.actuator ? 'acts on' : 'reads';
    lines.push(`  ${verb} ${ds.clientid} (${ds.type}${ds.required ? '' : ', optional'})`);
  }
  if (manifest['resource-requirements'].store) lines.push('  keeps its own store');
  for (const entry of manifest.lineage) {
    const to = entry.kind === 'export' ? `exports to ${entry.sink}` : `actuator ${entry.sink}`;
    lines.push(`  ${to}: from ${entry.sources.length > 0 ? entry.sources.join(', ') : 'no datasource'}`);
  }
  return lines;
}
