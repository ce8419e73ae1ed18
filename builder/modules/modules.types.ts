/** A third-party Node-RED node module installed where a flow is built. */
export interface NodeModuleRef {
  /** The npm package name, e.g. `node-red-contrib-moment`. */
  module: string;
  /** The installed version (from its package.json). */
  version: string;
  /** Where it is installed (absolute path), for staging into an image. */
  dir: string;
  /** The node types it registers. */
  types: string[];
}
