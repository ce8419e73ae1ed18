/** Starts the store on a host and port (127.0.0.1 and an OS-chosen port by default). */
import type { AddressInfo } from 'node:net';
import { loadAppStoreConfig, type AppStoreConfig } from '../config/app-store.config';
import type { AppStoreContext } from '../services/app-store.context';
import { appStoreApp } from './app-store.app';
import { openAppStoreContext } from './app-store.open';

export interface RunningAppStore {
  url: string;
  context: AppStoreContext;
  close(): Promise<void>;
}

/**
 * @example
 * const store = await startAppStore({ dataDir: '/tmp/store' });
 * await fetch(`${store.url}/api/health`); await store.close();
 */
export async function startAppStore(options: { dataDir: string; port?: number; host?: string; config?: AppStoreConfig; pgSchema?: string }): Promise<RunningAppStore> {
  const config = options.config ?? loadAppStoreConfig(options.dataDir);
  const context = await openAppStoreContext(config, options.pgSchema ? { pgSchema: options.pgSchema } : {});
  const host = options.host ?? '127.0.0.1';
  const server = appStoreApp(context).listen(options.port ?? 0, host);
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
