/**
 * The Node-RED settings of a developer's workspace: Node-RED's own editor at `/workspace/`,
 * branded for Databox, with only the nodes an app may use in its palette, flows kept by the
 * studio (the storage module), the developer's own `credentialSecret`, the Databox nodes in
 * preview mode, and nothing that phones home or installs from the network. Flows serve no
 * HTTP (`httpNodeRoot: false`): nothing a flow makes is served on the studio's origin. Pure.
 *
 * @example
 * workspaceSettings({ userDir, nodesDirs, storage, credentialSecret, nodesExcludes: [], title: 'octocat' })
 */
import path from 'node:path';
import type { DataboxSettings } from '../../runtime/databox-settings';

export const ADMIN_ROOT = '/workspace';

/** Palette order: Databox's categories first, then the core nodes an app may use. */
export const PALETTE_CATEGORIES = ['data sources', 'processing', 'app ui', 'actuators', 'export', 'common', 'function', 'sequence', 'parser'];

export interface WorkspaceSettingsInput {
  userDir: string;
  /** The Databox node module and the studio's editor plugins. */
  nodesDirs: string[];
  /** The node modules a workspace loads (those of `nodesDirs`): the palette allows no other. */
  allowedModules: string[];
  /** Core node files that register only types an app may not use (builder/validate/node.policy). */
  nodesExcludes: string[];
  storage: object;
  credentialSecret: string;
  /** Shown in the editor's header: whose workspace it is. */
  title: string;
  seed?: string;
  replay?: Record<string, unknown[]>;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export function workspaceSettings(input: WorkspaceSettingsInput): Record<string, unknown> {
  const replay = input.replay && Object.keys(input.replay).length > 0 ? input.replay : undefined;
  const databox: DataboxSettings = { mode: 'preview', ...(input.seed ? { seed: input.seed } : {}), ...(replay ? { preview: { replay } } : {}) };
  return {
    userDir: input.userDir,
    httpAdminRoot: ADMIN_ROOT,
    httpNodeRoot: false,
    httpStatic: undefined,
    disableEditor: false,
    nodesDir: input.nodesDirs.map((dir) => path.resolve(dir)),
    nodesExcludes: input.nodesExcludes,
    storageModule: input.storage,
    credentialSecret: input.credentialSecret,
    flowFilePretty: false,
    // The studio's proxy decides who enters (decision 0018): the instance itself has no login.
    adminAuth: undefined,
    logging: { console: { level: input.logLevel ?? 'info', metrics: false, audit: false } },
    externalModules: {
      autoInstall: false,
      // Node-RED applies these lists when it loads modules too: nothing else is loaded or installed.
      palette: { allowInstall: false, allowUpload: false, allowList: input.allowedModules, denyList: ['*'] },
      modules: { allowInstall: false },
    },
    functionExternalModules: false,
    functionGlobalContext: {},
    exportGlobalContextKeys: false,
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    telemetry: { enabled: false, updateNotification: false },
    editorTheme: editorTheme(input.title),
    databox,
  };
}

/**
 * The editor's theme for a developer: the same in their workspace and in the page the studio
 * renders for it (editor/server/editor.page.ts).
 */
export function editorTheme(title: string): Record<string, unknown> {
  return {
    page: { title: `Databox Studio: ${title}` },
    header: { title: `Databox Studio · ${title}`, url: '/' },
    palette: { categories: PALETTE_CATEGORIES },
    projects: { enabled: false },
    tours: false,
    codeEditor: { lib: 'monaco' },
    menu: { 'menu-item-help': { label: 'Databox Studio home', url: '/' } },
    login: undefined,
    logout: { redirect: '/' },
    multiplayer: { enabled: false },
    library: { enabled: true },
  };
}
