/**
 * Pure retry policy of the export service: which outcomes are retried, and when.
 */

export interface RetryPolicy {
  /** First retry after this many ms (default 500). */
  baseMs: number;
  /** Longest wait between attempts (default 60 s). */
  maxMs: number;
  /** Attempts before an export is given up (default 8). */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 500, maxMs: 60_000, maxAttempts: 8 };

/**
 * Delay before attempt `attempts + 1`: exponential, capped, with up to 20% jitter.
 *
 * @example
 * retryDelay(3, DEFAULT_RETRY, () => 0) // 4000
 */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (1 + 0.2 * random()));
}

/**
 * Whether a delivery outcome is worth another attempt: no answer (status 0), a timeout
 * (408), too many requests (429) or a server error (5xx). Any other answer is final.
 *
 * @example
 * isRetryable(503) // true; isRetryable(404) // false
 */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
