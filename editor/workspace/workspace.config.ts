/**
 * What the workspace manager tells a workspace process, in the owner-only file it writes for
 * it: where to listen, its gate secret, the studio's storage API and its token, the
 * developer's `credentialSecret`. Checked when read, so a bad file is one clear error. Pure.
 *
 * @example
 * parseWorkspaceConfig(fs.readFileSync(file, 'utf8')).storage.url
 */
import { DataboxError } from '../../core/errors';

export interface WorkspaceConfig {
  host: string;
  port: number;
  gateSecret: string;
  storage: { url: string; token: string };
  credentialSecret: string;
  /** Whose workspace: shown in the editor's header. */
  title: string;
  nodesDirs: string[];
  seed?: string;
  /** The developer's uploaded readings to replay in preview, by data-source type. */
  replay?: Record<string, unknown[]>;
}

export function parseWorkspaceConfig(text: string): WorkspaceConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataboxError('workspace-config-invalid', 'the workspace configuration is not JSON', { cause: error });
  }
  const c = value as Partial<WorkspaceConfig>;
  const bad = (what: string): never => { throw new DataboxError('workspace-config-invalid', `the workspace configuration has no valid ${what}`); };
  if (typeof c.host !== 'string' || c.host === '') bad('host');
  if (typeof c.port !== 'number' || !Number.isInteger(c.port) || c.port < 0 || c.port > 65535) bad('port');
  if (typeof c.gateSecret !== 'string' || c.gateSecret.length < 32) bad('gateSecret');
  if (typeof c.storage?.url !== 'string' || typeof c.storage.token !== 'string' || c.storage.token.length < 32) bad('storage');
  if (typeof c.credentialSecret !== 'string' || c.credentialSecret.length < 16) bad('credentialSecret');
  if (typeof c.title !== 'string') bad('title');
  if (!Array.isArray(c.nodesDirs) || !c.nodesDirs.every((d) => typeof d === 'string')) bad('nodesDirs');
  if (c.replay !== undefined && (typeof c.replay !== 'object' || c.replay === null || !Object.values(c.replay).every(Array.isArray))) bad('replay');
  return c as WorkspaceConfig;
}
