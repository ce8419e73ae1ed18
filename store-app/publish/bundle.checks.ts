/**
 * What the store checks in a bundle beyond its format (pure): the lineage must only name the
 * app's own datasources and export URLs (it is what the owner reads before installing), and
 * the Dockerfile must be the builder's: `FROM databox/flow-runtime:<version>` and files
 * copied in, nothing run at build time on the owner's box.
 */
import { DataboxError } from '../../core/errors';
import type { Bundle } from '../../builder/bundle';

const ALLOWED_INSTRUCTIONS = new Set(['FROM', 'COPY', 'LABEL', 'ENV', 'WORKDIR', 'CMD', 'EXPOSE', 'ARG']);

/**
 * @example
 * checkBundle(bundle, 'alice'); // throws DataboxError 'bundle-invalid' naming the problem
 */
export function checkBundle(bundle: Bundle, publisher: string): void {
  const problems = [...lineageProblems(bundle), ...dockerfileProblems(bundle.dockerfile)];
  const m = bundle.manifest;
  if (m.publisher !== undefined && m.publisher.toLowerCase() !== publisher) problems.push(`the manifest names the publisher "${m.publisher}", but you are ${publisher}`);
  if (bundle.packageJson.name !== m.name) problems.push(`package.json is named "${bundle.packageJson.name}" but the manifest "${m.name}"`);
  if (problems.length > 0) {
    throw new DataboxError('bundle-invalid', `the bundle was refused: ${problems.join('; ')}`, {
      hint: 'Rebuild the bundle with `databox build` rather than editing it by hand',
    });
  }
}

function lineageProblems(bundle: Bundle): string[] {
  const m = bundle.manifest;
  const readable = new Set(m.datasources.map((d) => d.clientid));
  const actuators = new Set(m.datasources.filter((d) => d.actuator).map((d) => d.clientid));
  const exports = new Set(m['export-whitelist'].map((e) => e.url));
  const problems: string[] = [];
  for (const entry of m.lineage) {
    for (const source of entry.sources) if (!readable.has(source)) problems.push(`lineage names "${source}", which is not one of the app's datasources`);
    if (entry.kind === 'export' && !exports.has(entry.sink)) problems.push(`lineage sends data to ${entry.sink}, which is not in export-whitelist`);
    if (entry.kind === 'actuator' && !actuators.has(entry.sink)) problems.push(`lineage acts on "${entry.sink}", which is not an actuator datasource`);
  }
  return problems;
}

function dockerfileProblems(dockerfile: string): string[] {
  const lines = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const problems: string[] = [];
  const first = lines[0] ?? '';
  if (!/^FROM databox\/flow-runtime:[A-Za-z0-9._-]+$/.test(first)) problems.push('the Dockerfile must start with FROM databox/flow-runtime:<version>');
  for (const line of lines.slice(1)) {
    const instruction = (line.split(/\s+/)[0] ?? '').toUpperCase();
    if (line.endsWith('\\')) problems.push('the Dockerfile may not continue lines with "\\"');
    else if (!ALLOWED_INSTRUCTIONS.has(instruction) || instruction === 'FROM') problems.push(`the Dockerfile may not use ${instruction}`);
    else if (instruction === 'COPY' && /--from|\.\./.test(line)) problems.push('the Dockerfile may only COPY the bundle\'s own files');
  }
  return problems;
}
