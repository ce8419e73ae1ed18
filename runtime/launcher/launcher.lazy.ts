/**
 * Modules Node-RED requires when it loads but uses only when a flow asks for them, loaded on
 * their first use instead: moment-timezone (with its 700 KB of zone data) and JSONata, which
 * `@node-red/util` needs only for date formats and JSONata expressions; acorn, which the
 * function node needs only for code that calls `node.done()`; `tar`, which the registry needs
 * only to install modules (a headless app installs none); cronosjs, which telemetry needs only
 * to schedule update checks (off). An idle app holds about 5 MB less
 * (bench/box-app-memory.bench.ts, docs/decisions/0018-app-memory.md).
 *
 * `deferModules` hooks Node's CommonJS loader: when a listed file of the installed Node-RED
 * requires a listed module, it gets a stand-in that loads the real module (resolved at once,
 * so a missing one still fails at start) on its first call, `new` or property access. Every
 * other require, including another module's require of the same package, is left alone.
 *
 * @example
 * deferModules(DEFERRED_MODULES); // then require('@node-red/runtime')
 */
import Module from 'node:module';
import path from 'node:path';

export interface DeferredModule {
  /** The requiring file, as the end of its path below node_modules. */
  from: string;
  /** What that file requires, exactly as written there. */
  request: string;
  /** When it is needed. */
  usedFor: string;
}

export const DEFERRED_MODULES: readonly DeferredModule[] = [
  { from: '@node-red/util/lib/util.js', request: 'moment-timezone', usedFor: 'date formats and $moment() in JSONata' },
  { from: '@node-red/util/lib/util.js', request: './jsonata', usedFor: 'JSONata expressions (change, switch, inject...)' },
  { from: '@node-red/nodes/core/function/10-function.js', request: 'acorn', usedFor: 'a function node whose code calls node.done()' },
  { from: '@node-red/nodes/core/function/10-function.js', request: 'acorn-walk', usedFor: 'a function node whose code calls node.done()' },
  { from: '@node-red/registry/lib/installer.js', request: 'tar', usedFor: 'installing node modules (never: externalModules are off)' },
  { from: '@node-red/runtime/lib/telemetry/index.js', request: 'cronosjs', usedFor: 'scheduling update checks (never: telemetry is off)' },
];

/** Whether `parentFile` requiring `request` is one of `rules`. Pure. */
export function isDeferred(rules: readonly DeferredModule[], parentFile: string | undefined, request: string): boolean {
  if (!parentFile) return false;
  const file = parentFile.split(path.sep).join('/');
  return rules.some((rule) => rule.request === request && file.endsWith(`/node_modules/${rule.from}`));
}

/**
 * A stand-in for a module that calls `load` once, on the first call, `new` or property access,
 * and forwards that and everything after to the real module.
 *
 * @example
 * const moment = lazyModule(() => require('moment-timezone')); // nothing loaded yet
 * moment().format('YYYY'); // loads it, then calls it
 */
export function lazyModule(load: () => unknown): unknown {
  let loaded = false;
  let real: object;
  const target = (): object => {
    if (!loaded) {
      real = Object(load()) as object;
      loaded = true;
    }
    return real;
  };
  return new Proxy(function deferred() { /* a callable stand-in: modules may be functions */ }, {
    apply: (_fn, self, args) => Reflect.apply(target() as (...a: unknown[]) => unknown, self, args),
    construct: (_fn, args) => Reflect.construct(target() as new (...a: unknown[]) => object, args),
    get: (_fn, key) => Reflect.get(target(), key),
    set: (_fn, key, value) => Reflect.set(target(), key, value),
    has: (_fn, key) => key === 'prototype' || Reflect.has(target(), key),
    deleteProperty: (_fn, key) => Reflect.deleteProperty(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    // A proxy must report its own target's fixed `prototype` as it is; every other key is the module's.
    ownKeys: () => [...new Set([...Reflect.ownKeys(target()), 'prototype'])],
    getOwnPropertyDescriptor: (fn, key) => {
      if (key === 'prototype') return Reflect.getOwnPropertyDescriptor(fn, key);
      const own = Reflect.getOwnPropertyDescriptor(target(), key);
      return own && { ...own, configurable: true };
    },
  });
}

type Load = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;
interface Loader { _load: Load; _resolveFilename(request: string, parent: NodeModule | undefined, isMain: boolean): string }

let installed: Load | undefined;

/**
 * Installs the hook (once per process); answers a function that removes it (tests).
 *
 * @example
 * const undo = deferModules(DEFERRED_MODULES);
 */
export function deferModules(rules: readonly DeferredModule[]): () => void {
  const loader = Module as unknown as Loader;
  if (installed) return () => undefined;
  const original = loader._load;
  installed = original;
  loader._load = function deferringLoad(request, parent, isMain) {
    if (!isDeferred(rules, parent?.filename, request)) return original.call(loader, request, parent, isMain);
    // Resolved now, so a module missing from the image still fails the start.
    loader._resolveFilename(request, parent, isMain);
    return lazyModule(() => original.call(loader, request, parent, isMain));
  };
  return () => {
    loader._load = original;
    installed = undefined;
  };
}
