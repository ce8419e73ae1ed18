/**
 * What a message becomes in a text panel (pure): a string as it is, a number or boolean as
 * text, anything else as indented JSON. Each message replaces the panel's text.
 *
 * @example
 * textContent({ payload: '**Hot** today' });   // [{ kind: 'text', text: '**Hot** today' }]
 */
import type { WidgetUpdate } from '../../core/ui-bus';
import type { NodeMessage } from '../red.types';

const MAX_TEXT = 100_000;

export function textContent(msg: NodeMessage): Extract<WidgetUpdate, { kind: 'text' }>[] {
  const payload = msg.payload;
  const text = typeof payload === 'string' ? payload
    : typeof payload === 'number' || typeof payload === 'boolean' ? String(payload)
      : JSON.stringify(payload ?? null, null, 2);
  return [{ kind: 'text', text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text }];
}
