/** Starts the store on a host and port (127.0.0.1 and an OS-chosen port by default). */
import type { AddressInfo } from 'node:net';
import { loadStoreConfig, type StoreConfig } from '../config/store.config';
import type { StoreContext } from '../services/store.context';
import { storeApp } from './store.app';
import { openStoreContext } from './store.open';

export interface RunningStore {
  url: string;
  context: StoreContext;
  close(): Promise<void>;
}

/**
 * @example
 * const store = await startStore({ dataDir: '/tmp/store' });
 * await fetch(`${store.url}/api/health`); await store.close();
 */
export async function startStore(options: { dataDir: string; port?: number; host?: string; config?: StoreConfig; pgSchema?: string }): Promise<RunningStore> {
  const config = options.config ?? loadStoreConfig(options.dataDir);
  const context = await openStoreContext(config, options.pgSchema ? { pgSchema: options.pgSchema } : {});
  const host = options.host ?? '127.0.0.1';
  const server = storeApp(context).listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await context.repo.close();
    throw error;
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    context,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await context.repo.close();
    },
  };
}
