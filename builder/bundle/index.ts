/** A bundle as a directory on disk; the format itself is core/bundle. */
export { writeBundleDir, readBundleDir } from './bundle.dir';
