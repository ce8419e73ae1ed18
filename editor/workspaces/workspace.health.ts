/**
 * Waits until a starting workspace answers its health check (with its gate secret), or its
 * container or task has ended, or the time is up: what the container drivers share.
 *
 * @example
 * const gone = await untilHealthy(target, secret, 60_000, ended, 200);
 * if (gone !== true) throw new Error(`the workspace ${gone ?? 'did not become ready'}`);
 */
import { SECRET_HEADER } from '../workspace/workspace.gate';

/** `true` once healthy; else how it ended (`ended`'s detail), or `undefined` when the time ran out. */
export async function untilHealthy(target: string, secret: string, timeoutMs: number, ended: Promise<{ detail: string }>, pauseMs: number): Promise<true | string | undefined> {
  let gone: string | undefined;
  void ended.then(({ detail }) => { gone = detail; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && gone === undefined) {
    try {
      const answer = await fetch(`${target}/workspace/health`, { headers: { [SECRET_HEADER]: secret }, signal: AbortSignal.timeout(2000) });
      if (answer.ok) return true;
    } catch {
      // not scheduled or listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return gone;
}
