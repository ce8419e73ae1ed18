/**
 * A Dockerfile's instructions with their first line number, continuation lines joined and
 * comments dropped: what the commit plan (app-image.plan.ts) and the label writer read. Which
 * Dockerfiles an app may have is not decided here: a bundle's Dockerfile must be the one the
 * builder generates (core/bundle). Pure.
 *
 * @example
 * dockerfileInstructions('FROM x\nLABEL a=1 \\\n  b=2\n') // [{line: 1, text: 'FROM x'}, {line: 2, text: 'LABEL a=1 b=2'}]
 */
export function dockerfileInstructions(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    current = current ? { line: current.line, text: `${current.text} ${part}`.trim() } : { line: index + 1, text: part };
    if (!continued) {
      result.push(current);
      current = undefined;
    }
  });
  if (current) result.push(current);
  return result;
}
