/**
 * Installing a verified bundle, as the server decides it: the name free, the manifest one this
 * box can run, the owner's bindings right, then each step with its undo: the bundle kept, the
 * image built, the SLA saved as `installing`, the component registered at the arbiter, its own
 * datastore started, exactly its grants given, and only then the component started. A failure
 * at any step undoes the steps before it, in reverse, so nothing is left half-installed (no
 * container, network, volume, grant or SLA); a box that crashed mid-install finishes the undo
 * at its next start (box.boot.ts).
 *
 * @example
 * const sla = await installBundle(rt, { bundle, tarball, origin, bindings }, (line) => console.log(line));
 */
import { bundleContentHash, type Bundle } from '../../core/bundle';
import { DataboxError } from '../../core/errors';
import type { Progress } from '../containers/containers.types';
import { startComponent } from '../daemon/box.components';
import { ARBITER, AUDIT, EXPORT_SERVICE, storeNameOf } from '../daemon/box.layout';
import { forgetSecrets } from '../daemon/box.secrets';
import type { BoxRuntime } from '../daemon/box.runtime';
import { driverSources } from '../daemon/box.webhooks';
import type { Manifest } from '../../core/manifest/manifest.types';
import { SLA_VERSION, type BundleOrigin, type Sla } from '../state/sla.types';
import { bindingProblems } from './install.bindings';
import { dropBundle, keepBundle } from './install.bundles';
import { grantsFor } from './install.grants';
import { unsupportedBy } from './install.support';

export interface InstallRequest {
  bundle: Bundle;
  tarball: Buffer;
  origin: BundleOrigin;
  /** The key to pin when this is the app's first install (a signed bundle). */
  pin?: string;
  bindings: Record<string, string>;
}

const RESERVED = new Set([AUDIT, ARBITER, EXPORT_SERVICE, 'box', 'api', 'login', 'logout', 'webhook', 'static', 'stores', 'install', 'apps', 'audit', 'data', 'dashboard', 'box-dashboard']);

/** The checks before anything happens, each a clear refusal. */
export function installProblems(rt: BoxRuntime, bundle: Bundle, bindings: Record<string, string>): void {
  const m = bundle.manifest;
  if (RESERVED.has(m.name) || m.name.endsWith('-store')) {
    throw new DataboxError('component-name-reserved', `"${m.name}" is a name the box keeps for itself`, { status: 400, hint: 'Rebuild the app under another name (--name).' });
  }
  if (rt.db.component(m.name)) {
    throw new DataboxError('component-installed', `${m.name} is already installed on this box`, { status: 409, hint: `Uninstall it first (databox box uninstall ${m.name}), or update it.` });
  }
  const unsupported = unsupportedBy(m);
  if (unsupported) throw unsupported;
  const problems = bindingProblems(m, bindings, rt.db.sources());
  if (problems.length > 0) {
    throw new DataboxError('bindings-invalid', `the data sources chosen for ${m.name} do not fit: ${problems.join('; ')}`, { status: 400, hint: 'See your data sources with `databox box sources`, then bind each with --bind <clientid>=<source id>.' });
  }
}

export async function installBundle(rt: BoxRuntime, request: InstallRequest, progress: Progress): Promise<Sla> {
  const { bundle } = request;
  const m = bundle.manifest;
  installProblems(rt, bundle, request.bindings);
  const contentHash = bundleContentHash(bundle);
  return installSla(rt, slaFor(rt, m, request.bindings, request.origin, contentHash), progress, {
    files: { bundle, tarball: request.tarball }, ...(request.pin ? { pin: request.pin } : {}),
  });
}

/** The SLA of a manifest and the owner's bindings: what the box grants it, decided here. */
export function slaFor(rt: BoxRuntime, m: Manifest, bindings: Record<string, string>, origin: BundleOrigin, contentHash: string): Sla {
  const store = m['resource-requirements'].store === 'core-store' ? storeNameOf(m.name) : undefined;
  return {
    'sla-version': SLA_VERSION, name: m.name, kind: m['databox-type'], manifest: m, bindings, origin, contentHash,
    grants: grantsFor(m, bindings, rt.db.sources(), { ...(store ? { store } : {}), exportService: EXPORT_SERVICE }),
    ...(store ? { store } : {}), installedAt: Date.now(),
  };
}

/** Installs a component by its SLA (apps with their bundle files; built-in drivers with none). */
export async function installSla(rt: BoxRuntime, sla: Sla, progress: Progress, options: { files?: { bundle: Bundle; tarball: Buffer }; pin?: string } = {}): Promise<Sla> {
  const { name } = sla;
  const undo: (() => Promise<void> | void)[] = [];
  try {
    progress(`${name} ${sla.manifest.version}: installing (${sla.grants.length} grant${sla.grants.length === 1 ? '' : 's'})`);
    rt.db.saveComponent(sla, 'installing');
    undo.push(() => rt.db.removeComponent(name));
    let dir = '';
    let image: string | undefined;
    if (options.files) {
      dir = keepBundle(rt.layout, name, sla.contentHash, options.files.bundle, options.files.tarball);
      undo.push(() => dropBundle(rt.layout, name));
      image = await rt.driver.prepareApp(name, dir, progress);
    }
    // Registered, its datastore started, granted, then started: each undone if a later one fails.
    const store = sla.store;
    // Data an earlier install of the same name kept stays; data this install made goes.
    const kept = store ? await rt.driver.hasData(store) : false;
    const appKept = await rt.driver.hasData(name);
    if (store) undo.push(async () => { await rt.driver.remove(store, { deleteData: !kept }); await rt.admin.unregister(store); forgetSecrets(rt.layout, store); });
    undo.push(async () => { await rt.admin.unregister(name); forgetSecrets(rt.layout, name); });
    undo.push(() => rt.driver.remove(name, { deleteData: !appKept }));
    await startComponent(rt, sla, dir, image, progress);
    rt.db.transaction(() => {
      rt.db.saveComponent(sla, 'installed');
      if (options.pin && !rt.db.pin(name)) rt.db.setPin(name, options.pin);
      if (sla.kind === 'driver') rt.db.setSources(name, driverSources(rt, sla));
    });
    rt.audit?.record({ component: name, kind: 'install', detail: `${sla.manifest.version} from ${origin(sla.origin)}; ${sla.grants.length} grants` });
    progress(`${name} ${sla.manifest.version}: installed`);
    return sla;
  } catch (error) {
    progress(`${name}: install failed (${error instanceof Error ? error.message : String(error)}); undoing`);
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (cleanup) {
        progress(`${name}: could not undo a step: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`);
      }
    }
    rt.audit?.record({ component: name, kind: 'install-failed', detail: (error instanceof Error ? error.message : String(error)).slice(0, 500) });
    throw error;
  }
}

function origin(o: BundleOrigin): string {
  if (o.kind === 'store') return `${o.store} (signed by ${o.publisher})`;
  if (o.kind === 'local') return o.unsigned ? 'a local bundle, unsigned (sideloaded)' : 'a local bundle, signed';
  return 'the box';
}
