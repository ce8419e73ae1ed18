/**
 * What the arbiter keeps: registered components, their grants, and each one's generation.
 */
import type { PrivacySpec } from '../../core/privacy/privacy.types';
import type { ObserveKind, TokenMethod } from '../tokens/token.types';

/** `store`: a data store (holds a token secret); `service`: the export service (holds one too). */
export type ComponentType = 'app' | 'driver' | 'store' | 'service';
export const COMPONENT_TYPES: readonly ComponentType[] = ['app', 'driver', 'store', 'service'];

/** Host-name-like: the component's container, network and host name. */
export const COMPONENT_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface Component {
  name: string;
  type: ComponentType;
  /** sha256 (hex) of the component's arbiter key; the key itself is never stored. */
  keyHash: string;
  generation: number;
  /** Stores and services: the secret their tokens are keyed with. */
  secret?: string;
  /** Stores: base URL, e.g. `http://os-monitor-store:8080` (for the root catalogue). */
  endpoint?: string;
}

/** A route a component may get tokens for (same fields as a token request). */
export interface Grant {
  target: string;
  /** exact path, or prefix ending in `*` */
  path: string;
  method: TokenMethod;
  observe?: ObserveKind;
  destination?: string;
  /** A private destination: the export service enforces this spec (issue 12). */
  privacy?: PrivacySpec;
}

export type TokenRequest = Grant;

/** What registration answers, once: the key (and a store's secret) are not shown again. */
export interface Registration {
  name: string;
  type: ComponentType;
  key: string;
  secret?: string;
  generation: number;
}
