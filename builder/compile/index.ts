/** Flow tab -> app bundle (pure). */
export { compile } from './compile';
export { BuildRefusedError } from './build.refused';
export { generateDockerfile, RUNTIME_IMAGE } from '../../core/bundle/bundle.dockerfile';
export { appNameFromLabel } from './app.metadata';
export { RUNTIME_VERSION } from './runtime-version';
export type { CompileOptions, CompiledApp } from './compile.types';
