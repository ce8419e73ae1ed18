/** Third-party Node-RED node modules: finding them, and staging them for an image. */
export type { NodeModuleRef } from './modules.types';
export { scanNodeModules, defaultModuleDirs } from './modules.scan';
export { stageModules } from './modules.stage';
export { registeredTypes, nodeFilesOf, isBuiltInModule } from './modules.registry';
