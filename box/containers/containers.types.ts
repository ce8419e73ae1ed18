/**
 * The container manager's one interface, with two drivers behind it: `docker` (the real box:
 * each component in its own container, apps on internal networks) and `process` (child
 * processes on loopback, for a laptop without Docker: same tokens and APIs, no isolation).
 * The box decides what runs (plans); a driver decides where and how.
 */
export type ComponentKind = 'service' | 'datastore' | 'driver' | 'app';
export type BoxService = 'audit' | 'arbiter' | 'export' | 'datastore';

/** What a component runs. */
export type Program =
  /** A box service: the arguments of `databox box <service>` (paths already placed). */
  | { kind: 'box-service'; service: BoxService; args: string[] }
  /** A built-in driver (box/drivers), by name. */
  | { kind: 'driver'; driver: string }
  /** An app: its unpacked bundle (process driver) and its image (docker driver). */
  | { kind: 'app'; bundleDir: string; image?: string };

export interface ComponentPlan {
  name: string;
  kind: ComponentKind;
  program: Program;
  /** Environment: never a secret (those are files, see Placement.secretPath). */
  env: Record<string, string>;
  /** Keeps a data folder or volume across restarts, updates and reinstalls. */
  keepsData: boolean;
  /**
   * Apps and drivers: the components that serve it (the arbiter, the export service, the
   * datastores it was granted). They join its network, and nothing else does; services and
   * datastores are on the box's core network.
   */
  peers: string[];
  /** Reaches hosts outside the box (the export service only). */
  egress: boolean;
  /** How the box knows it is up. */
  ready: { kind: 'http'; path: string } | { kind: 'line'; pattern: RegExp };
  limits: { memoryMb: number; cpus: number };
}

/** Where a driver puts a component: what peers and the component itself are told. */
export interface Placement {
  /** Where the component listens. */
  listen(name: string): { host: string; port: number };
  /** The URL other components reach it at. */
  endpoint(name: string): string;
  /** The path, as the component sees it, of one of its secret files (keys, the CA). */
  secretPath(name: string, secret: string): string;
  /** Its data folder, as the component sees it. */
  dataDir(name: string): string;
}

export type ComponentStatus = 'starting' | 'running' | 'stopped' | 'crashed' | 'restarting' | 'crash-loop' | 'missing';

export interface ComponentEvent {
  name: string;
  kind: 'started' | 'stopped' | 'crashed' | 'restarted' | 'crash-loop';
  detail: string;
}

export type Progress = (line: string) => void;

export interface ContainerDriver {
  readonly kind: 'docker' | 'process';
  /** False for the process driver: every component can reach every other and the host. */
  readonly isolated: boolean;
  /** True when services talk HTTPS and verify each other (docker driver). */
  readonly tls: boolean;
  readonly placement: Placement;
  /** Who must own a component's secret files to read them (the user containers run as), or none. */
  readonly secretOwner?: { uid: number; gid: number };
  /** What the driver needs before any component runs (images, the core network, host rules). */
  prepare(progress: Progress): Promise<void>;
  /** What an app needs before it can run (docker: its image, built from the bundle). */
  prepareApp(name: string, bundleDir: string, progress: Progress): Promise<string | undefined>;
  /** Creates (or re-creates) the component and starts it; resolves once it is ready. */
  start(plan: ComponentPlan, progress: Progress): Promise<void>;
  stop(name: string): Promise<void>;
  /** Whether the component has a data folder or volume (kept by an earlier install, say). */
  hasData(name: string): Promise<boolean>;
  /**
   * Keeps a copy of the component's data (stopped first, so the copy is whole), replacing any
   * copy kept before: what an update rolls back to. Nothing to copy is no error.
   */
  snapshotData(name: string): Promise<void>;
  /** Puts the kept copy back in place of the data (the component stopped); false when none is kept. */
  restoreData(name: string): Promise<boolean>;
  dropSnapshot(name: string): Promise<void>;
  /** Removes the component (and any kept copy of its data); its data too when asked. */
  remove(name: string, options: { deleteData: boolean }): Promise<void>;
  status(name: string): Promise<ComponentStatus>;
  /** The last lines of its output, then (with follow) each new line until the signal aborts. */
  logs(name: string, options: { follow: boolean; tail: number; signal?: AbortSignal }): AsyncIterable<string>;
  /** The URL the box itself reaches the component at (its API, or an app's page). */
  boxUrl(name: string): Promise<string>;
  /** Every start, stop, crash, restart and crash loop of any component. */
  onEvent(listener: (event: ComponentEvent) => void): void;
  /** Stops watching; the process driver also stops every component (they are its children). */
  close(): Promise<void>;
}
