/**
 * The small part of Node-RED's runtime API the Databox nodes use, typed, so the nodes need
 * no `any`. Node-RED hands each node module a `RED` object; each node constructor runs with
 * `this` bound to a fresh node that `RED.nodes.createNode(this, config)` turns into a Node.
 */

/** A message: `payload` and `topic` by convention, anything else allowed. */
export interface NodeMessage {
  _msgid?: string;
  payload?: unknown;
  topic?: string;
  [property: string]: unknown;
}

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export type SendFunction = (msg: NodeMessage | null | (NodeMessage | null)[]) => void;
export type DoneFunction = (error?: Error) => void;
export type InputListener = (msg: NodeMessage, send: SendFunction, done: DoneFunction) => void;
export type CloseListener = (removed: boolean, done: () => void) => void;

/** A node instance as its constructor sees it after `createNode`. */
export interface Node {
  readonly id: string;
  readonly type: string;
  readonly z?: string;
  name?: string;
  on(event: 'input', listener: InputListener): void;
  on(event: 'close', listener: CloseListener): void;
  send(msg: NodeMessage | null | (NodeMessage | null)[]): void;
  status(status: NodeStatus): void;
  error(error: unknown, msg?: NodeMessage): void;
  warn(message: unknown): void;
  log(message: unknown): void;
}

/** The configuration Node-RED passes a constructor: the node's saved properties. */
export interface NodeConfig {
  id: string;
  type: string;
  name?: string;
  z?: string;
  [property: string]: unknown;
}

export type NodeConstructor = (this: Node, config: NodeConfig) => void;

export interface NodeAPI {
  nodes: {
    createNode(node: Node, config: NodeConfig): void;
    registerType(type: string, constructor: NodeConstructor): void;
  };
  /** Runtime events; `flows:started` fires once every node of a deploy is running. */
  events: {
    on(event: string, listener: () => void): void;
    removeListener(event: string, listener: () => void): void;
  };
  /**
   * The editor's live channel (Node-RED's comms WebSocket): `publish` reaches every open
   * editor subscribed to the topic. Optional: a runtime without an editor may not have it.
   */
  comms?: {
    publish(topic: string, data: unknown, retain?: boolean): void;
  };
  /** Node-RED's settings; `databox` is read through `readDataboxSettings`. */
  settings: { readonly [key: string]: unknown };
}

/** What a node module exports: Node-RED calls it once with its API. */
export type NodeModule = (RED: NodeAPI) => void;
