/**
 * Which of Node-RED's core node files an app does not need: those whose every node type is
 * absent from its flows (MQTT, TCP, HTTP, parsers... in an app that charts a sensor). The
 * launcher gives them to Node-RED as `nodesExcludes`, so a headless app never loads them: an
 * idle app then holds a third less memory (bench/box-app-memory.bench.ts). The flows are fixed
 * in the image (read-only), so no type can appear later. A file whose types cannot be read is
 * kept. `unusedCoreFiles` is pure; `coreNodeTypes` reads the installed @node-red/nodes.
 *
 * @example
 * unusedCoreFiles(new Map([['10-mqtt.js', ['mqtt-broker', 'mqtt in']], ['10-function.js', ['function']]]), new Set(['function']))
 * // ['10-mqtt.js']
 */
import fs from 'node:fs';
import path from 'node:path';

const REGISTER = /RED\.nodes\.registerType\(\s*["']([^"']+)["']/g;

/** Each core node file (its base name, as `nodesExcludes` takes it) and the types it registers. */
export function coreNodeTypes(coreDir: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const category of fs.readdirSync(coreDir, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const entry of fs.readdirSync(path.join(coreDir, category.name), { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
      const text = fs.readFileSync(path.join(coreDir, category.name, entry.name), 'utf8');
      files.set(entry.name, [...text.matchAll(REGISTER)].map((m) => m[1] ?? ''));
    }
  }
  return files;
}

export function unusedCoreFiles(files: ReadonlyMap<string, readonly string[]>, used: ReadonlySet<string>): string[] {
  return [...files].filter(([, types]) => types.length > 0 && types.every((t) => !used.has(t))).map(([file]) => file).sort();
}

/** The node types a flows file uses (every entry's `type`). */
export function flowTypes(flowsText: string): Set<string> {
  const flows: unknown = JSON.parse(flowsText);
  return new Set(Array.isArray(flows) ? flows.flatMap((n) => (typeof n === 'object' && n !== null && typeof (n as { type?: unknown }).type === 'string' ? [(n as { type: string }).type] : [])) : []);
}

/** Where the installed core nodes are. */
export function coreNodesDir(): string {
  return path.join(path.dirname(require.resolve('@node-red/nodes/package.json')), 'core');
}
