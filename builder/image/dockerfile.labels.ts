/**
 * Puts labels into a Dockerfile's text instead of passing them to the build API: Docker's
 * classic builder turns each API label into its own build step (a container each), while
 * labels added to the Dockerfile's first LABEL instruction cost no extra step at all. Pure.
 *
 * @example
 * withLabels('FROM x\nCOPY a /a\n', { 'io.databox.test': '1' })
 * // 'FROM x\nLABEL "io.databox.test"="1"\nCOPY a /a\n'
 */
import { dockerQuote } from '../../core/bundle/bundle.dockerfile';
import { dockerfileInstructions } from './dockerfile.instructions';

export { dockerQuote };

export function withLabels(dockerfile: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${dockerQuote(key)}=${dockerQuote(value)}`);
  if (pairs.length === 0) return dockerfile;
  const lines = dockerfile.split('\n');
  const instructions = dockerfileInstructions(dockerfile);
  const label = instructions.find((i) => /^LABEL\s/i.test(i.text));
  if (label) {
    // Its last physical line: follow the backslash continuations from its first line.
    let last = label.line - 1;
    while ((lines[last] ?? '').trimEnd().endsWith('\\') && last < lines.length - 1) last++;
    lines[last] = `${lines[last]} \\\n      ${pairs.join(' \\\n      ')}`;
    return lines.join('\n');
  }
  const from = instructions.find((i) => /^FROM\s/i.test(i.text));
  const at = from ? from.line : 0;
  lines.splice(at, 0, `LABEL ${pairs.join(' \\\n      ')}`);
  return lines.join('\n');
}

/**
 * Appends one LABEL instruction with `labels` as the Dockerfile's last step.
 *
 * @example
 * withFinalLabels('FROM x\nCOPY a /a\n', { 'io.databox.content': 'abc' })
 * // 'FROM x\nCOPY a /a\nLABEL "io.databox.content"="abc"\n'
 */
export function withFinalLabels(dockerfile: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${dockerQuote(key)}=${dockerQuote(value)}`);
  if (pairs.length === 0) return dockerfile;
  return `${dockerfile.replace(/\n*$/, '\n')}LABEL ${pairs.join(' ')}\n`;
}
