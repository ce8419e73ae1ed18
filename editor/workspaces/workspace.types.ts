/**
 * What the workspace manager asks of a driver: start one developer's Node-RED with a
 * configuration, and tell when it ends. The process driver runs it as a child process on
 * loopback; a container driver runs the same program in a container.
 */
import type { WorkspaceConfig } from '../workspace/workspace.config';

export interface WorkspaceLaunch {
  /** The developer's id: names the process, its log and its container. */
  developerId: string;
  /** The configuration the workspace reads, without host/port (the driver decides where it listens). */
  config: Omit<WorkspaceConfig, 'host' | 'port'>;
}

export interface RunningWorkspace {
  /** Where the proxy reaches it, e.g. `http://127.0.0.1:40123`. */
  target: string;
  /** The OS process id of its Node-RED (for measurements; the container's main process with docker). */
  pid?: number;
  /** Resolves when it has ended, for whatever reason; `crashed` when the driver did not stop it. */
  ended: Promise<{ crashed: boolean; detail: string }>;
  stop(): Promise<void>;
}

export interface WorkspaceDriver {
  kind: 'process' | 'docker' | 'swarm';
  /** Whether flow code is kept away from the studio's files and other workspaces. */
  isolated: boolean;
  start(launch: WorkspaceLaunch): Promise<RunningWorkspace>;
  /** Makes what the driver needs (an image, a network) before the first start. */
  prepare?(progress: (line: string) => void): Promise<void>;
  /** The address the studio's internal storage API listens on, where workspaces reach it (after `prepare`). */
  readonly storageHost: string;
  /** Once the storage API listens: lets workspaces reach that port of this machine and nothing else of it. */
  guard?(storagePort: number): Promise<void>;
  /** Where a workspace reaches the studio's internal storage API. */
  storageUrl(studioInternalPort: number): string;
  /** The last lines a developer's workspace wrote (its Node-RED log), oldest first; none when it never ran. */
  logs(developerId: string, tail: number): Promise<string[]>;
  close?(): Promise<void>;
}
