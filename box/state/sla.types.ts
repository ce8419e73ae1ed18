/**
 * The SLA the box keeps for each installed component (architecture doc: "manifest + the
 * owner's choices"): what was installed, from where and signed by whom, which of the owner's
 * data sources each clientid got, and what was granted. Saved as JSON in the box's database
 * and validated on every read; the container manager replays it at boot. Versioned.
 */
import type { Manifest } from '../../core/manifest/manifest.types';
import type { Grant } from '../arbiter/arbiter.types';

export const SLA_VERSION = 1;

/** Where a bundle came from, and what vouches for it. */
export type BundleOrigin =
  | { kind: 'store'; store: string; version: string; publisher: string; publicKey: string; signature: string }
  | { kind: 'local'; publicKey?: string; signature?: string; unsigned: boolean }
  | { kind: 'builtin' };

export interface Sla {
  'sla-version': number;
  name: string;
  kind: 'app' | 'driver';
  manifest: Manifest;
  /** clientid -> the owner's datasource id; optional sources may be missing. */
  bindings: Record<string, string>;
  origin: BundleOrigin;
  contentHash: string;
  /** Exactly what the arbiter was told to grant (the box's own record, to revoke and compare). */
  grants: Grant[];
  /** The component's own datastore, when its manifest asks for one. */
  store?: string;
  installedAt: number;
}
