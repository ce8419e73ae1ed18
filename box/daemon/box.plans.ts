/**
 * What each component of a box runs, as plans a container driver carries out (pure): the three
 * core services, a datastore per component that has one, the drivers and the apps from their
 * SLAs. Everything a component is told (endpoints, file paths, ports) comes from the driver's
 * placement; no secret ever goes into an environment variable, only the path of its file.
 *
 * @example
 * const plans = [auditPlan(ctx), arbiterPlan(ctx), exportPlan(ctx)];
 */
import type { Sla } from '../state/sla.types';
import type { DataSource } from '../state/box.db';
import type { ComponentPlan, Placement } from '../containers/containers.types';
import { ARBITER, AUDIT, EXPORT_SERVICE, SECRET } from './box.layout';
import { hypercatItem } from './box.sources';

export interface PlanContext {
  placement: Placement;
  /** Services talk HTTPS with the box CA (docker driver). */
  tls: boolean;
}

const HEALTH = { kind: 'http', path: '/health' } as const;

function listen(ctx: PlanContext, name: string): string[] {
  const { host, port } = ctx.placement.listen(name);
  return ['--data', ctx.placement.dataDir(name), '--port', String(port), '--host', host];
}

function audited(ctx: PlanContext, name: string): string[] {
  return ['--audit', ctx.placement.endpoint(AUDIT), '--audit-key-file', ctx.placement.secretPath(name, SECRET.auditServiceKey)];
}

function following(ctx: PlanContext, name: string): string[] {
  return ['--arbiter', ctx.placement.endpoint(ARBITER), '--key-file', ctx.placement.secretPath(name, SECRET.arbiterKey)];
}

/** Environment every component gets: the box CA, when services talk HTTPS. */
function caEnv(ctx: PlanContext, name: string): Record<string, string> {
  return ctx.tls ? { NODE_EXTRA_CA_CERTS: ctx.placement.secretPath(name, SECRET.ca) } : {};
}

export function auditPlan(ctx: PlanContext): ComponentPlan {
  const secret = (s: string) => ctx.placement.secretPath(AUDIT, s);
  return {
    name: AUDIT, kind: 'service', keepsData: true, peers: [], egress: false, ready: HEALTH, limits: { memoryMb: 128, cpus: 0.5 },
    env: caEnv(ctx, AUDIT),
    program: { kind: 'box-service', service: 'audit', args: [...listen(ctx, AUDIT), '--service-key-file', secret(SECRET.auditServiceKey), '--admin-key-file', secret(SECRET.auditAdminKey)] },
  };
}

export function arbiterPlan(ctx: PlanContext): ComponentPlan {
  return {
    name: ARBITER, kind: 'service', keepsData: true, peers: [], egress: false, ready: HEALTH, limits: { memoryMb: 128, cpus: 0.5 },
    env: caEnv(ctx, ARBITER),
    program: { kind: 'box-service', service: 'arbiter', args: [...listen(ctx, ARBITER), '--admin-key-file', ctx.placement.secretPath(ARBITER, SECRET.adminKey), ...audited(ctx, ARBITER)] },
  };
}

export function exportPlan(ctx: PlanContext): ComponentPlan {
  return {
    name: EXPORT_SERVICE, kind: 'service', keepsData: true, peers: [], egress: true, ready: HEALTH, limits: { memoryMb: 128, cpus: 0.5 },
    env: caEnv(ctx, EXPORT_SERVICE),
    program: {
      kind: 'box-service', service: 'export',
      args: [...listen(ctx, EXPORT_SERVICE), '--name', EXPORT_SERVICE, '--secret-file', ctx.placement.secretPath(EXPORT_SERVICE, SECRET.tokenSecret), ...following(ctx, EXPORT_SERVICE), ...audited(ctx, EXPORT_SERVICE)],
    },
  };
}

export function datastorePlan(ctx: PlanContext, store: string): ComponentPlan {
  return {
    name: store, kind: 'datastore', keepsData: true, peers: [], egress: false, ready: HEALTH, limits: { memoryMb: 128, cpus: 0.5 },
    env: caEnv(ctx, store),
    program: {
      kind: 'box-service', service: 'datastore',
      args: ['--name', store, ...listen(ctx, store), '--secret-file', ctx.placement.secretPath(store, SECRET.tokenSecret), ...following(ctx, store), ...audited(ctx, store)],
    },
  };
}

/** What an app or a driver is told about the box: where the arbiter is and where its key is. */
function componentEnv(ctx: PlanContext, sla: Sla): Record<string, string> {
  return {
    DATABOX_ARBITER_ENDPOINT: ctx.placement.endpoint(ARBITER),
    DATABOX_ARBITER_TOKEN_FILE: ctx.placement.secretPath(sla.name, SECRET.arbiterKey),
    DATABOX_LOCAL_NAME: sla.name,
    DATABOX_VERSION: sla.manifest.version,
    ...(sla.store ? { DATABOX_STORE_ENDPOINT: ctx.placement.endpoint(sla.store), DATABOX_STORE_NAME: sla.store } : {}),
    ...caEnv(ctx, sla.name),
  };
}

export function driverPlan(ctx: PlanContext, sla: Sla, options: { configFile?: string; listens?: boolean } = {}): ComponentPlan {
  const { port } = ctx.placement.listen(sla.name);
  return {
    name: sla.name, kind: 'driver', keepsData: false, peers: [ARBITER, ...(sla.store ? [sla.store] : [])], egress: false,
    ready: options.listens ? HEALTH : { kind: 'line', pattern: /running|listening/ }, limits: { memoryMb: 96, cpus: 0.5 },
    env: {
      ...componentEnv(ctx, sla),
      ...(options.listens ? { DATABOX_DRIVER_PORT: String(port) } : {}),
      ...(options.configFile ? { DATABOX_DRIVER_CONFIG: options.configFile } : {}),
    },
    program: { kind: 'driver', driver: sla.name },
  };
}

export function appPlan(ctx: PlanContext, sla: Sla, sources: readonly DataSource[], bundleDir: string, image?: string): ComponentPlan {
  const env: Record<string, string> = {
    ...componentEnv(ctx, sla),
    DATABOX_MODE: 'box',
    DATABOX_EXPORT_SERVICE_ENDPOINT: ctx.placement.endpoint(EXPORT_SERVICE),
    DATABOX_EXPORT_SERVICE_NAME: EXPORT_SERVICE,
  };
  const stores = new Set<string>(sla.store ? [sla.store] : []);
  for (const [clientid, id] of Object.entries(sla.bindings)) {
    const source = sources.find((s) => s.id === id);
    if (!source) continue;
    env[`DATASOURCE_${clientid}`] = JSON.stringify(hypercatItem(source, ctx.placement.endpoint(source.store)));
    stores.add(source.store);
  }
  return {
    name: sla.name, kind: 'app', keepsData: false, peers: [ARBITER, EXPORT_SERVICE, ...[...stores].sort()], egress: false, ready: HEALTH,
    limits: { memoryMb: 128, cpus: 1 }, env, program: { kind: 'app', bundleDir, ...(image ? { image } : {}) },
  };
}
