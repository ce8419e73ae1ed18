/**
 * The app bundle format, one implementation for every part (builder, app store, box): the
 * files and their serialization, the one validator, the tarball form (deterministic pack,
 * safe unpack of untrusted uploads), the content hash that is signed, and the Dockerfile the
 * builder generates from a manifest.
 */
export { BUNDLE_FILES, REQUIRED_BUNDLE_FILES, isBundleFileName, type Bundle, type BundleFileName, type BundlePackageJson } from './bundle.types';
export { bundleFiles, bundleFileMap, type BundleFile } from './bundle.files';
export { BUNDLE_LIMITS, bundleProblems, checkBundle, readBundleFiles, type BundleLimits } from './bundle.validate';
export { packBundle } from './bundle.pack';
export { unpackBundle, type UnpackOptions } from './bundle.unpack';
export { bundleContentHash } from './bundle.hash';
export { generateDockerfile, runtimeVersionOf, RUNTIME_IMAGE, type DockerfileOptions } from './bundle.dockerfile';
