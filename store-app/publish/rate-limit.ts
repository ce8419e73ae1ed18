/**
 * A sliding-window limit on publishes per publisher (pure, in memory, per store process;
 * attempts count whether they succeed or not, so a flood of bad uploads is limited too).
 */
import { DataboxError } from '../../core/errors';

export interface RateLimiter {
  /** Counts one attempt by `key`, or throws a 429 DataboxError when over the limit. */
  take(key: string): void;
}

/**
 * @example
 * const limit = rateLimiter({ count: 30, windowMs: 3_600_000 });
 * limit.take('alice');
 */
export function rateLimiter(options: { count: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const attempts = new Map<string, number[]>();
  return {
    take(key) {
      const t = now();
      const recent = (attempts.get(key) ?? []).filter((at) => at > t - options.windowMs);
      if (recent.length >= options.count) {
        const retry = Math.ceil(((recent[0] ?? t) + options.windowMs - t) / 1000);
        attempts.set(key, recent);
        throw new DataboxError('publish-rate-limited', `${key} published ${recent.length} times in the last ${Math.round(options.windowMs / 1000)} s; the limit is ${options.count}`, {
          status: 429, hint: `Try again in ${retry} s`,
        });
      }
      recent.push(t);
      attempts.set(key, recent);
    },
  };
}
