/**
 * What each store route does once the request is authorised and its body parsed: validate
 * (pure), store through the group commit, then answer, publish to observers and audit. Every
 * refusal is a DataboxError thrown before anything is stored.
 */
import { DataboxError } from '../../core/errors';
import type { ObserveHub } from './observe.hub';
import type { KvRepo } from './kv.repo';
import type { SeriesReader } from './series.read';
import type { RecentRows } from './series.recent';
import type { SeriesWriter } from './series.write';
import type { SourcesRepo } from './sources.repo';
import type { DataStoreAudit } from './datastore.audit';
import type { CommitQueue } from './datastore.commit';
import { catalogue, parseItem, type HypercatItem } from './datastore.hypercat';
import { parseBatch, parseBlob, parseBlobBatch, parseMultiBatch, parsePoint } from '../../core/protocol/datastore.points';
import type { BlobInput, PointInput, Route, SeriesRef } from './datastore.types';

export interface DataStoreContext {
  name: string;
  sources: SourcesRepo;
  writer: SeriesWriter;
  reader: SeriesReader;
  recent: RecentRows;
  kv: KvRepo;
  queue: CommitQueue;
  hub: ObserveHub;
  audit: DataStoreAudit;
}

export interface Reply {
  status: number;
  /** JSON text. */
  body: string;
}

export interface Call {
  route: Route;
  /** The parsed JSON body (POST only). */
  body: unknown;
  bytes: number;
  component: string;
  path: string;
  /** Whether the request's token also allows a POST to another path (multi-series batches); null when it does. */
  refusal(path: string): DataboxError | null;
}

/** Routes whose requests carry a JSON body. */
export function takesBody(route: Route): boolean {
  return route.kind === 'ts-write' || route.kind === 'ts-batch' || route.kind === 'ts-multi' || route.kind === 'kv-set' || route.kind === 'cat-post';
}

/**
 * @example
 * const reply = await handle(context, { route: parseRoute('GET', '/ts/x/latest'), body: undefined, bytes: 0, component: 'app', path: '/ts/x/latest' });
 */
export async function handle(context: DataStoreContext, call: Call): Promise<Reply> {
  const { route } = call;
  const { sources, reader, kv, queue } = context;
  switch (route.kind) {
    case 'ts-write':
    case 'ts-batch':
      return writeSeries(context, call, route.series);
    case 'ts-multi':
      return writeMany(context, call);
    case 'ts-read': {
      const sid = sources.require(route.series.kind, route.series.id);
      if (route.aggregation || route.query.kind === 'all') {
        const result = reader.aggregate(route.series.kind, sid, route.query, route.aggregation ?? 'count', route.filter);
        return { status: 200, body: `{"result":${result === null ? 'null' : result}}` };
      }
      return { status: 200, body: reader.rows(route.series.kind, sid, route.query, route.filter) };
    }
    case 'kv-get': {
      const value = kv.get(sources.require('kv', route.id), route.key);
      if (value === undefined) throw new DataboxError('key-unknown', `kv source "${route.id}" has no key "${route.key}"`, { status: 404, hint: `List the keys with GET /kv/${route.id}/keys.` });
      return { status: 200, body: value };
    }
    case 'kv-keys':
      return { status: 200, body: JSON.stringify(kv.keys(sources.require('kv', route.id))) };
    case 'kv-set': {
      if (call.body === undefined) throw new DataboxError('body-missing', 'a kv write needs a JSON body (the value)', { status: 400 });
      const json = JSON.stringify(call.body);
      const sid = sources.ensure('kv', route.id);
      const now = Date.now();
      await queue.submit(() => kv.set(sid, route.key, json, now));
      const path = `/kv/${route.id}/${route.key}`;
      if (context.hub.wants(path)) context.hub.publish(path, now, json);
      context.audit.wrote(call.component, path, 'POST', 1, call.bytes);
      return { status: 200, body: '{"ok":true}' };
    }
    case 'kv-delete': {
      const sid = sources.require('kv', route.id);
      const existed = await queue.submit(() => kv.delete(sid, route.key));
      if (!existed) throw new DataboxError('key-unknown', `kv source "${route.id}" has no key "${route.key}"`, { status: 404 });
      context.audit.wrote(call.component, `/kv/${route.id}/${route.key}`, 'DELETE', 1, 0);
      return { status: 200, body: '{"deleted":true}' };
    }
    case 'cat-get': {
      const items = sources.items().map((text): HypercatItem => JSON.parse(text));
      return { status: 200, body: JSON.stringify(catalogue(context.name, items)) };
    }
    case 'cat-post': {
      const registration = parseItem(call.body);
      const text = JSON.stringify(registration.item);
      await queue.submit(() => sources.register(registration.kind, registration.id, text));
      context.audit.wrote(call.component, '/cat', 'POST', 1, call.bytes);
      return { status: 201, body: text };
    }
    case 'observe':
      throw new DataboxError('upgrade-required', 'observe with a WebSocket upgrade of GET /ws', { status: 426, hint: 'Open a WebSocket to /ws with X-Api-Key, then send {"subscribe": "<path>"}.' });
  }
}

async function writeSeries(context: DataStoreContext, call: Call, series: SeriesRef): Promise<Reply> {
  const { route } = call;
  const now = Date.now();
  const at = route.kind === 'ts-write' ? route.at : undefined;
  const batch = route.kind === 'ts-batch';
  const path = series.kind === 'ts' ? `/ts/${series.id}` : `/ts/blob/${series.id}`;
  // Validate everything first (nothing is stored on a refusal), then commit, then tell others.
  let written: Written;
  if (series.kind === 'ts') {
    const points: PointInput[] = batch ? parseBatch(call.body, now) : [parsePoint(call.body, at, now)];
    const sid = context.sources.ensure('ts', series.id);
    await context.queue.submit(() => context.writer.writePoints(sid, points));
    written = lazily(points.map((p) => p.timestamp), () => points.map((p) => `{"value":${p.value}${p.tags === null ? '}' : `,${p.tags.slice(1)}`}`));
    committed(context, sid, written);
  } else {
    const blobs: BlobInput[] = batch ? parseBlobBatch(call.body, now) : [parseBlob(call.body, at ?? now)];
    const sid = context.sources.ensure('ts/blob', series.id);
    await context.queue.submit(() => context.writer.writeBlobs(sid, blobs));
    written = lazily(blobs.map((b) => b.timestamp), () => blobs.map((b) => b.blob));
    committed(context, sid, written);
  }
  if (context.hub.wants(path)) {
    const data = written.data();
    written.timestamps.forEach((timestamp, i) => context.hub.publish(path, timestamp, data[i]));
  }
  context.audit.wrote(call.component, path, 'POST', written.timestamps.length, call.bytes);
  return { status: 200, body: batch ? `{"written":${written.timestamps.length}}` : `{"timestamp":${written.timestamps[0]}}` };
}

async function writeMany(context: DataStoreContext, call: Call): Promise<Reply> {
  const batches = parseMultiBatch(call.body, Date.now());
  for (const id of batches.keys()) {
    const refusal = call.refusal(`/ts/${id}`);
    if (refusal) throw refusal;
  }
  const sids = new Map([...batches.keys()].map((id) => [id, context.sources.ensure('ts', id)]));
  await context.queue.submit(() => {
    for (const [id, points] of batches) context.writer.writePoints(sids.get(id) ?? 0, points);
  });
  let total = 0;
  for (const [id, points] of batches) {
    const path = `/ts/${id}`;
    const written = lazily(points.map((p) => p.timestamp), () => points.map((p) => `{"value":${p.value}${p.tags === null ? '}' : `,${p.tags.slice(1)}`}`));
    committed(context, sids.get(id) ?? 0, written);
    if (context.hub.wants(path)) {
      const data = written.data();
      written.timestamps.forEach((timestamp, i) => context.hub.publish(path, timestamp, data[i]));
    }
    context.audit.wrote(call.component, path, 'POST', points.length, 0);
    total += points.length;
  }
  return { status: 200, body: `{"written":${total}}` };
}

/** What a write stored: timestamps, and each row's `data` as JSON text, built only if someone needs it. */
interface Written {
  timestamps: number[];
  data(): string[];
}

function lazily(timestamps: number[], build: () => string[]): Written {
  let data: string[] | undefined;
  return { timestamps, data: () => (data ??= build()) };
}

/** Extends the series' window of newest rows with what was just committed. */
function committed(context: DataStoreContext, sid: number, written: Written): void {
  if (!context.recent.has(sid)) return;
  const data = written.data();
  context.recent.append(sid, written.timestamps, data.map((text, i) => `{"timestamp":${written.timestamps[i]},"data":${text}}`));
}
