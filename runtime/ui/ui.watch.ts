/**
 * Watches an app page's live channel from Node (tests, tools): collects every message and
 * resolves `until(predicate)` once the messages so far satisfy it.
 *
 * @example
 * const watch = await watchUi('ws://127.0.0.1:8080/ui/ws');
 * await watch.until((messages) => messages.length > 3, 10_000); watch.close();
 */
import WebSocket from 'ws';
import type { UiMessage } from './ui.socket';

export interface UiWatch {
  messages: UiMessage[];
  until(predicate: (messages: UiMessage[]) => boolean, limitMs: number): Promise<UiMessage[]>;
  close(): void;
}

export function watchUi(url: string, headers: Record<string, string> = {}): Promise<UiWatch> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: UiMessage[] = [];
    const waiters = new Set<() => void>();
    ws.on('message', (data) => {
      messages.push(JSON.parse(String(data)));
      for (const wake of waiters) wake();
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`page socket answered HTTP ${res.statusCode}`)));
    ws.once('open', () => resolve({
      messages,
      until(predicate, limitMs) {
        return new Promise((done, fail) => {
          const check = () => {
            if (!predicate(messages)) return;
            clearTimeout(timer);
            waiters.delete(check);
            done(messages);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`page socket: condition not met after ${limitMs} ms (${messages.length} messages)`));
          }, limitMs);
          waiters.add(check);
          check();
        });
      },
      close: () => ws.close(),
    }));
  });
}

/** The chart points a watch has seen for one widget: snapshot updates plus live ones. */
export function chartValues(messages: readonly UiMessage[], widgetId: string): number[] {
  const values: number[] = [];
  for (const message of messages) {
    if (message.type === 'snapshot') {
      for (const entry of message.widgets) {
        if (entry.widget.id !== widgetId) continue;
        for (const update of entry.updates) if (update.kind === 'chart') values.push(update.value);
      }
    } else if (message.type === 'update' && message.id === widgetId && message.update.kind === 'chart') {
      values.push(message.update.value);
    }
  }
  return values;
}
