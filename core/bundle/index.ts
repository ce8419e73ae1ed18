/**
 * The app bundle format, one implementation for every part (builder, app store, box): the
 * files and their serialization, the one validator, the tarball form (deterministic pack,
 * safe unpack of untrusted uploads), the content hash that is signed, the Dockerfile the
 * builder generates from a manifest, and the third-party modules as npm pack tarballs
 * (decision 0015): their format and their files as installed.
 */
export {
  BUNDLE_FILES, REQUIRED_BUNDLE_FILES, isBundleFileName, isModulePath,
  type Bundle, type BundleFileName, type BundleModule, type BundleModuleListing, type BundlePackageJson,
} from './bundle.types';
export { bundleFiles, bundleFileMap, type BundleFile } from './bundle.files';
export { BUNDLE_LIMITS, type BundleLimits } from './bundle.limits';
export { bundleProblems, checkBundle, readBundleFiles } from './bundle.validate';
export { listedModules } from './bundle.modules';
export { packBundle } from './bundle.pack';
export { unpackBundle, type UnpackOptions } from './bundle.unpack';
export { bundleContentHash } from './bundle.hash';
export { generateDockerfile, runtimeVersionOf, RUNTIME_IMAGE, type DockerfileOptions } from './bundle.dockerfile';
export { packModuleTarball, moduleTarballPath, moduleIntegrity, MODULES_DIR, NPM_PACK_MTIME, type ModuleFile } from './module.tarball';
export { moduleFilesFromTarballs, type InstalledModuleFile } from './module.files';
