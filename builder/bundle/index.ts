/** The app bundle format: types, directory and tarball forms, and the content hash. */
export { BUNDLE_FILES, REQUIRED_BUNDLE_FILES, type Bundle, type BundlePackageJson } from './bundle.types';
export { bundleFiles, bundleFromFiles } from './bundle.files';
export { writeBundleDir, readBundleDir } from './bundle.dir';
export { packBundle } from './bundle.pack';
export { unpackBundle, DEFAULT_MAX_BUNDLE_BYTES, type UnpackOptions } from './bundle.unpack';
export { bundleContentHash } from './bundle.hash';
