/**
 * The owner's bindings checked against what an app declares and what the box has (pure):
 * every required datasource is bound, each to one of the owner's sources of the same type, an
 * actuator only to an actuator (and a sensor never to one), and nothing is bound that the app
 * does not declare. Optional datasources may stay unbound.
 *
 * @example
 * bindingProblems(manifest, { loadavg1_1a2b3c4d: 'loadavg1' }, sources) // [] when all is well
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { DataSource } from '../state/box.db';

export function bindingProblems(manifest: Manifest, bindings: Readonly<Record<string, string>>, sources: readonly DataSource[]): string[] {
  const problems: string[] = [];
  const declared = new Map(manifest.datasources.map((d) => [d.clientid, d]));
  for (const clientid of Object.keys(bindings)) {
    if (!declared.has(clientid)) problems.push(`"${clientid}" is not a datasource ${manifest.name} declares (it declares ${[...declared.keys()].join(', ') || 'none'})`);
  }
  for (const ds of manifest.datasources) {
    const id = bindings[ds.clientid];
    const what = `${ds.clientid} (${ds.type}${ds.actuator ? ', an actuator' : ''})`;
    if (id === undefined) {
      if (ds.required) problems.push(`${what} is required: bind it to one of your ${ds.type} sources (--bind ${ds.clientid}=<source id>)`);
      continue;
    }
    const source = sources.find((s) => s.id === id);
    if (!source) { problems.push(`${what} is bound to "${id}", which is none of your data sources`); continue; }
    if (source.type !== ds.type) problems.push(`${what} is bound to "${id}", which is ${source.type} data, not ${ds.type}`);
    else if (Boolean(ds.actuator) !== source.actuator) problems.push(`${what} is bound to "${id}", ${source.actuator ? 'an actuator, but the app declares a sensor' : 'a sensor, but the app declares an actuator'}`);
  }
  return problems;
}

/**
 * What the review page proposes before the owner chooses: each required datasource with
 * exactly one source of its kind bound to it (the page preselects that one), so the review's
 * words name the owner's source rather than "not bound".
 *
 * @example
 * proposedBindings(manifest, sources) // { host_load: 'loadavg1' }
 */
export function proposedBindings(manifest: Manifest, sources: readonly DataSource[]): Record<string, string> {
  const proposed: Record<string, string> = {};
  for (const ds of manifest.datasources) {
    const fits = sources.filter((s) => s.type === ds.type && s.actuator === Boolean(ds.actuator));
    if (ds.required && fits.length === 1 && fits[0]) proposed[ds.clientid] = fits[0].id;
  }
  return proposed;
}
