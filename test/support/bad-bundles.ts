/**
 * Bad input for a box to refuse, made from real bundles: a bundle edited after `databox build`
 * (a file changed by hand, never re-derived), and an app store that lies about what it serves
 * (a proxy in front of a real store that changes a version's signature or swaps its bundle).
 * Never used to make a bundle a test expects to pass.
 *
 * @example
 * const store = await lyingStore(real.url, { record: (r) => ({ ...r, signature: otherSignature }) });
 * await box.install({ app: 'loadwatch', bindings, store: store.url }); // refused: signature-invalid
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle } from '../../core/bundle';

/** `bundle` with `nodes` added to its tab in flows.json after it was built (the manifest and Dockerfile untouched). */
export function withExtraNodes(bundle: Bundle, nodes: readonly { type: string; [property: string]: unknown }[]): Bundle {
  const tab = bundle.flows.find((node) => node.type === 'tab')?.id;
  const added = nodes.map((node, i) => ({ id: `edited-${i}`, ...(tab ? { z: tab } : {}), x: 400, y: 400 + 60 * i, wires: [], ...node }));
  return { ...bundle, flows: [...bundle.flows, ...added] };
}

/** A base64 ed25519 signature with one byte flipped: still well-formed, no longer the signer's. */
export function flippedSignature(signature: string): string {
  const bytes = Buffer.from(signature, 'base64');
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

export interface StoreLies {
  /** Changes the version record (`GET /api/apps/<name>/<version>`) the box reads its signature from. */
  record?: (record: Record<string, unknown>) => Record<string, unknown>;
  /** Replaces the bundle bytes the store sends (`GET /api/apps/<name>/<version>/bundle`). */
  bundle?: (sent: Buffer) => Buffer;
}

export interface LyingStore {
  url: string;
  close(): Promise<void>;
}

/** A read-only proxy for the store at `storeUrl` that answers everything as it does, but for the lies. */
export async function lyingStore(storeUrl: string, lies: StoreLies): Promise<LyingStore> {
  const server = createServer((req, res) => {
    void (async () => {
      const route = new URL(req.url ?? '/', 'http://proxy').pathname;
      const upstream = await fetch(new URL(req.url ?? '/', storeUrl), { method: req.method ?? 'GET' });
      let body: Buffer = Buffer.from(await upstream.arrayBuffer());
      const parts = route.split('/').filter(Boolean);
      if (upstream.ok && parts[0] === 'api' && parts[1] === 'apps' && parts.length === 4 && lies.record) {
        body = Buffer.from(JSON.stringify(lies.record(JSON.parse(body.toString('utf8')) as Record<string, unknown>)));
      }
      if (upstream.ok && parts[0] === 'api' && parts[1] === 'apps' && parts[4] === 'bundle' && lies.bundle) body = lies.bundle(body);
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(body);
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`lying store: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
