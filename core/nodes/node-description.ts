/**
 * A Databox node's static description: what the Node-RED editor shows and what the node
 * contributes to the manifest. The builder reads it without running the node (style.md #2).
 */
import type { FlowNode } from '../flow/flow.types';
import type { PrivacySpec } from '../privacy/privacy.types';

export type Contribution =
  | { kind: 'datasource'; clientid: string; type: string; required: boolean; name?: string }
  | { kind: 'actuator'; clientid: string; type: string; name?: string }
  /** `privacy`: a private destination (the box's export service adds the noise). */
  | { kind: 'export'; url: string; description: string; privacy?: PrivacySpec }
  | { kind: 'own-datastore' };

export type PaletteCategory = 'data sources' | 'processing' | 'app ui' | 'actuators' | 'export';

export interface PropertyDefault {
  value: string | number | boolean;
  required?: boolean;
}

export interface NodeDescription {
  /** Node-RED type, e.g. `databox-datasource`. */
  type: string;
  /** The palette category: the studio's editor orders them Data sources, Processing, App UI, Actuators, Export. */
  category: PaletteCategory;
  /** Short palette label. */
  paletteLabel: string;
  color: string;
  icon: string;
  inputs: 0 | 1;
  outputs: 0 | 1;
  defaults: Record<string, PropertyDefault>;
  /** What the node adds to the manifest; pure, reads only the node's own properties. */
  contributes(node: FlowNode): Contribution[];
  /**
   * What is wrong with the node's configuration, each a sentence saying what to do. The one
   * check of its settings: the builder refuses a flow with them, and the node refuses to start
   * with them, and with nothing else.
   */
  problems(node: FlowNode): string[];
  /** The code a refusal of these settings carries (default `node-config-invalid`). */
  problemCode?: string;
}
