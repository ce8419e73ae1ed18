/**
 * The `databox/flow-runtime` version an app is built for by default: this SDK's version (the
 * runtime image is built from the same repository). A constant rather than an import of
 * package.json, so the compiled tree carries no copy of it; runtime-version.test.ts keeps the
 * two equal.
 *
 * @example
 * `databox/flow-runtime:${RUNTIME_VERSION}` // 'databox/flow-runtime:0.1.0'
 */
export const RUNTIME_VERSION = '0.1.0';
