/**
 * The `databox/flow-runtime` version an app is built for by default: this SDK's version
 * (the runtime image is built from the same repository).
 */
import packageJson from '../../package.json';

export const RUNTIME_VERSION: string = packageJson.version;
