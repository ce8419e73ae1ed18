/**
 * Waiting for an event instead of sleeping: polls a condition until it holds, and fails with
 * a message that says what never happened (and, optionally, what was seen instead).
 *
 * @example
 * await eventually(() => !revocation.connected(), 'the revocation client noticed the arbiter closed');
 * await eventually(async () => (await box.events()).some((e) => e.kind === 'revoke'), 'the revoke is audited', { timeoutMs: 10_000 });
 */
export interface EventuallyOptions {
  /** How long to wait before failing, ms (default 10,000: generous on a busy 2-core machine). */
  timeoutMs?: number;
  /** Pause between checks, ms (default 10). */
  everyMs?: number;
  /** What was seen instead, added to the failure message. */
  seen?: () => unknown;
}

export async function eventually(check: () => boolean | Promise<boolean>, what: string, options: EventuallyOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) {
      const seen = options.seen ? `; seen: ${JSON.stringify(options.seen())}` : '';
      throw new Error(`waited ${timeoutMs} ms for: ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 10));
  }
}
