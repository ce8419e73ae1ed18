/**
 * A refused build: one DataboxError carrying every problem found (each naming its node), so
 * a CLI can print them all and an editor can mark every guilty node at once.
 *
 * @example
 * try { compile(flows, 'tab1'); } catch (e) { if (e instanceof BuildRefusedError) e.problems.forEach(show); }
 */
import { DataboxError, describeError } from '../../core/errors';
import type { Manifest } from '../../core/manifest/manifest.types';

export class BuildRefusedError extends DataboxError {
  readonly problems: DataboxError[];
  /**
   * The manifest as the flow stands, when it could be derived despite the problems: what the
   * app would read, act on and export once they are fixed (the studio's sidebar shows it).
   */
  readonly manifest: Manifest | undefined;

  constructor(problems: DataboxError[], manifest?: Manifest) {
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super('build-refused', `the flow cannot be built as a box app: ${count}:\n${problems.map((p) => `  ${describeError(p)}`).join('\n')}`, {
      status: 422, hint: 'Fix each problem listed (each names the node) and build again',
    });
    this.name = 'BuildRefusedError';
    this.problems = problems;
    this.manifest = manifest;
  }
}
