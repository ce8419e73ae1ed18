/** Third-party Node-RED node modules: finding them, and packing them into a bundle (decision 0015). */
export type { NodeModuleRef } from './modules.types';
export { scanNodeModules, defaultModuleDirs } from './modules.scan';
export { bundleModules, type BundledModules } from './modules.bundle';
export { packModuleDir, moduleFilesIn } from './module.pack';
export { registeredTypes, nodeFilesOf, isBuiltInModule } from './modules.registry';
