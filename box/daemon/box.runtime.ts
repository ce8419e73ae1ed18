/**
 * What a running box holds: its folder layout and database, the container driver, the keys
 * it manages the services with, its client of the arbiter, and its own audit recorder. Every
 * daemon module takes it; nothing in it is global.
 */
import type { AuditClient } from '../audit/audit.client';
import type { ContainerDriver } from '../containers/containers.types';
import type { BoxDb } from '../state/box.db';
import type { ArbiterAdmin } from './arbiter.admin';
import type { BoxLayout } from './box.layout';
import type { PlanContext } from './box.plans';
import type { BoxKeys } from './box.secrets';

export interface BoxRuntime {
  layout: BoxLayout;
  db: BoxDb;
  driver: ContainerDriver & { reserve?(names: readonly string[]): Promise<void> };
  plan: PlanContext;
  keys: BoxKeys;
  admin: ArbiterAdmin;
  /** The box's own events (installs, crashes): set once the audit log runs. */
  audit?: AuditClient;
  /** The owner of a component's secret files in its container (uid 1000), or none (process driver). */
  secretOwner?: { uid: number; gid: number };
}
