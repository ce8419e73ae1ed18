/**
 * Waiting for an app's page (through the box) to chart its readings, and, when it never does,
 * saying why: what the page answered, its status line, what it saw of its WebSocket and its
 * console, and the app's own output. A bare timeout tells nothing on a CI machine.
 *
 * The tests' Chromium shares this machine with the Docker engine, and Chromium aborts what it
 * is loading (net::ERR_NETWORK_CHANGED) whenever an interface comes or goes: a container or a
 * network of any test running beside this one. A page whose script was lost that way never
 * connects; a person would reload it, and so does this watch (at most three times, said in
 * the diagnostics). An owner's browser is on another machine and never sees the box's bridges.
 */
import type { Page } from 'playwright-core';
import { lostToNetworkChange } from './network-change';

export interface AppPageWatch {
  /** Waits until the first chart holds more than `points` points (or the one `selector` names). */
  charted(options: { points?: number; timeoutMs?: number; selector?: string; logs: () => Promise<string> }): Promise<void>;
}

export function watchAppPage(page: Page): AppPageWatch {
  const seen: string[] = [];
  const at = Date.now();
  const note = (line: string) => seen.push(`${((Date.now() - at) / 1000).toFixed(1)}s ${line}`);
  let lost = false;
  page.on('console', (message) => {
    note(`console ${message.type()}: ${message.text()}`);
    // What Chromium says of a load it gave up on; the requestfailed event may name it too.
    if (message.type() === 'error' && message.text().includes('ERR_NETWORK_CHANGED')) lost = true;
  });
  page.on('pageerror', (error) => note(`page error: ${error.message}`));
  page.on('response', (answer) => { if (answer.status() >= 400) note(`${answer.status()} ${answer.url()}`); });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    note(`${request.resourceType()} ${request.url()} failed: ${reason}`);
    if (lostToNetworkChange(page, request)) lost = true;
  });
  page.on('websocket', (ws) => {
    note(`ws open ${ws.url()}`);
    let frames = 0;
    ws.on('framereceived', () => { frames += 1; if (frames <= 2) note(`ws frame ${frames}`); });
    ws.on('socketerror', (error) => note(`ws error ${error}`));
    ws.on('close', () => note(`ws closed after ${frames} frames`));
  });
  return {
    async charted({ points = 1, timeoutMs = 60_000, selector = '[data-points]', logs }) {
      const deadline = Date.now() + timeoutMs;
      let reloads = 0;
      try {
        for (;;) {
          const drawn = await page.waitForFunction(([css, least]) => Number(document.querySelector(css)?.getAttribute('data-points') ?? 0) > least, [selector, points] as const, { timeout: Math.max(1, Math.min(2000, deadline - Date.now())) })
            .then(() => true, (error: unknown) => { if (Date.now() >= deadline) throw error; return false; });
          if (drawn) {
            if (reloads > 0) process.stderr.write(`# app page: reloaded ${reloads} time(s) after a network change lost a part of it\n`);
            return;
          }
          if (lost && reloads < 3) {
            lost = false;
            reloads += 1;
            note(`reloading (${reloads}): a part of the page was lost to a network change`);
            await page.reload();
          }
        }
      } catch (error) {
        const state = await page.evaluate(() => ({
          url: location.href,
          status: document.getElementById('status')?.textContent ?? '(no status line)',
          cards: Array.from(document.querySelectorAll('[data-widget]')).map((card) => `${card.getAttribute('data-widget')}:${card.querySelector('[data-points]')?.getAttribute('data-points') ?? '-'}`),
          text: document.body?.innerText.slice(0, 300) ?? '',
        })).catch((failure: unknown) => ({ url: page.url(), status: `(page unreadable: ${String(failure)})`, cards: [], text: '' }));
        const output = await logs().catch((failure: unknown) => `(no logs: ${String(failure)})`);
        throw new Error([
          `the page never charted more than ${points} points (${String(error)})`,
          `page ${state.url}, status "${state.status}", cards ${state.cards.join(', ') || 'none'}, text: ${JSON.stringify(state.text)}`,
          `it saw: ${seen.join(' | ') || 'nothing'}`,
          `the app's output: ${output.slice(-2500)}`,
        ].join('\n'));
      }
    },
  };
}
