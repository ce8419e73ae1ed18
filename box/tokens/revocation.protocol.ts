/**
 * Messages on the arbiter's generations WebSocket (`GET /generations/ws`, `X-Api-Key` = the
 * subscriber's component key). The arbiter sends a snapshot on connect, then one update per
 * change; the subscriber acks each update after applying it, and the arbiter's revoke call
 * returns only once every connected subscriber has acked (or been cut off).
 */
import { isRecord } from '../service/service.body';

export type GenerationMessage =
  | { type: 'snapshot'; generations: Record<string, number> }
  /** `generation: null`: the component is no longer registered. */
  | { type: 'update'; seq: number; component: string; generation: number | null };

export interface GenerationAck {
  type: 'ack';
  seq: number;
}

/**
 * Parses a message from the arbiter; undefined when it is not one.
 *
 * @example
 * parseGenerationMessage('{"type":"update","seq":1,"component":"app","generation":2}')
 */
export function parseGenerationMessage(text: string): GenerationMessage | undefined {
  let value: unknown;
  try { value = JSON.parse(text); } catch { return undefined; }
  if (!isRecord(value)) return undefined;
  if (value.type === 'snapshot' && isRecord(value.generations)) {
    const generations: Record<string, number> = {};
    for (const [name, g] of Object.entries(value.generations)) {
      if (typeof g !== 'number' || !Number.isSafeInteger(g)) return undefined;
      generations[name] = g;
    }
    return { type: 'snapshot', generations };
  }
  if (value.type === 'update' && typeof value.seq === 'number' && typeof value.component === 'string' && (value.generation === null || typeof value.generation === 'number')) {
    return { type: 'update', seq: value.seq, component: value.component, generation: value.generation };
  }
  return undefined;
}
