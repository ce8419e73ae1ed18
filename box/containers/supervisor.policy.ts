/**
 * What happens when a component crashes (pure): it restarts after a backoff that doubles with
 * each crash (0.5 s up to 30 s), and a crash loop (`limit` crashes within `windowMs`, default
 * 5 in a minute) stops it until the owner starts it again. Both drivers use it: the process
 * driver to restart its children, the docker driver to notice a loop in Docker's restarts.
 *
 * @example
 * const policy = crashPolicy();
 * policy.crashed('app', now)   // { action: 'restart', delayMs: 500, crashes: 1 }
 */
export interface CrashDecision {
  action: 'restart' | 'stop';
  delayMs: number;
  /** Crashes within the window, this one included. */
  crashes: number;
}

export interface CrashPolicy {
  crashed(name: string, now: number): CrashDecision;
  /** Forgets the component's crashes (the owner started it again, or it was removed). */
  reset(name: string): void;
}

export function crashPolicy(options: { limit?: number; windowMs?: number; baseDelayMs?: number; maxDelayMs?: number } = {}): CrashPolicy {
  const limit = options.limit ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const crashes = new Map<string, number[]>();
  return {
    crashed(name, now) {
      const recent = [...(crashes.get(name) ?? []).filter((at) => at > now - windowMs), now];
      crashes.set(name, recent);
      if (recent.length >= limit) return { action: 'stop', delayMs: 0, crashes: recent.length };
      return { action: 'restart', delayMs: Math.min(max, base * 2 ** (recent.length - 1)), crashes: recent.length };
    },
    reset(name) {
      crashes.delete(name);
    },
  };
}
