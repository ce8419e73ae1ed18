/**
 * The Node-RED settings an app runs with: headless (no editor, no admin API, no http-in
 * routes), read-only flows, nothing installed at run time, logs on the console, and the
 * Databox settings the nodes read (`RED.settings.databox`). Pure: the caller makes the
 * temp userDir and decides which node folders exist.
 *
 * @example
 * buildNodeRedSettings({ userDir: '/tmp/nr-1', flowsFile: '/app/flows.json',
 *   nodesDirs: ['/opt/databox/dist/nodes'], databox: { mode: 'preview' } })
 */
import path from 'node:path';
import type { DataboxSettings } from '../databox-settings';

export interface SettingsInput {
  userDir: string;
  flowsFile: string;
  /** The Databox node module, then any folder of third-party modules (`/app/node_modules`). */
  nodesDirs: string[];
  databox: DataboxSettings;
  /** Core node files the flows do not use (launcher.core-nodes.ts). */
  nodesExcludes?: string[];
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Every error Node-RED logs, as its log handler receives it (the launcher's start check). */
  onError?: (entry: unknown) => void;
}

interface LogHandler { level: string; metrics: boolean; audit: boolean; handler?: () => (entry: unknown) => void }

export interface NodeRedSettings {
  userDir: string;
  flowFile: string;
  readOnly: boolean;
  httpAdminRoot: false;
  httpNodeRoot: false;
  disableEditor: boolean;
  nodesDir: string[];
  nodesExcludes: string[];
  credentialSecret: false;
  flowFilePretty: boolean;
  logging: { console: LogHandler; databoxErrors?: LogHandler };
  externalModules: { autoInstall: boolean; palette: { allowInstall: boolean; allowUpload: boolean }; modules: { allowInstall: boolean } };
  functionExternalModules: boolean;
  diagnostics: { enabled: boolean };
  runtimeState: { enabled: boolean };
  telemetry: { enabled: boolean };
  editorTheme: { projects: { enabled: boolean } };
  databox: DataboxSettings;
}

export function buildNodeRedSettings(input: SettingsInput): NodeRedSettings {
  return {
    userDir: input.userDir,
    flowFile: path.resolve(input.flowsFile),
    readOnly: true,
    httpAdminRoot: false,
    httpNodeRoot: false,
    disableEditor: true,
    nodesDir: input.nodesDirs.map((dir) => path.resolve(dir)),
    nodesExcludes: input.nodesExcludes ?? [],
    credentialSecret: false,
    flowFilePretty: true,
    logging: {
      console: { level: input.logLevel ?? 'info', metrics: false, audit: false },
      ...(input.onError ? { databoxErrors: { level: 'error', metrics: false, audit: false, handler: () => input.onError as (entry: unknown) => void } } : {}),
    },
    externalModules: { autoInstall: false, palette: { allowInstall: false, allowUpload: false }, modules: { allowInstall: false } },
    functionExternalModules: false,
    diagnostics: { enabled: false },
    runtimeState: { enabled: false },
    telemetry: { enabled: false },
    editorTheme: { projects: { enabled: false } },
    databox: input.databox,
  };
}

/**
 * Where the compiled Databox nodes are, seen from the launcher's own folder: beside it in
 * `dist/` (the image, `npm run build`), or the repository's `dist/nodes` when the launcher
 * runs from its TypeScript source.
 *
 * @example
 * defaultNodesDir('/opt/databox/dist/runtime/launcher') // '/opt/databox/dist/nodes'
 */
export function defaultNodesDir(launcherDir: string): string {
  const parts = launcherDir.split(path.sep);
  const dist = parts.lastIndexOf('dist');
  if (dist >= 0) return path.join(parts.slice(0, dist + 1).join(path.sep) || path.sep, 'nodes');
  return path.resolve(launcherDir, '..', '..', 'dist', 'nodes');
}
