/** What `compile` takes and gives. */
import type { Bundle } from '../../core/bundle/bundle.types';
import type { NodeModuleRef } from '../modules/modules.types';

export interface CompileOptions {
  /** The app name; default: the tab label made into one lower-case word. */
  name?: string;
  /** The name when the flows have no tab and no `name` was given (the CLI passes the file's name). */
  defaultName?: string;
  version?: string;
  description?: string;
  author?: string;
  license?: string;
  tags?: string[];
  /** The `databox/flow-runtime` version to build on; default: this SDK's version. */
  runtimeVersion?: string;
  /** Third-party node types installed where the flow was built: type -> npm module. */
  modules?: ReadonlyMap<string, NodeModuleRef>;
}

/** A compiled app is a bundle: its third-party modules are in it (`modules`, decision 0015). */
export type CompiledApp = Bundle;
