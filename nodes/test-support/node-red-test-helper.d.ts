// The part of node-red-node-test-helper our tests use (the package ships no types).
declare module 'node-red-node-test-helper' {
  import type { EventEmitter } from 'node:events';

  interface SpyCall { args: unknown[] }
  interface TestNode extends EventEmitter {
    id: string;
    type: string;
    receive(msg: Record<string, unknown>): void;
  }
  interface NodeTestHelper {
    init(runtimePath: string, userSettings?: Record<string, unknown>): void;
    settings(userSettings: Record<string, unknown>): Record<string, unknown>;
    load(nodes: unknown, flow: Record<string, unknown>[], credentials?: Record<string, unknown>): Promise<void>;
    unload(): Promise<void>;
    setFlows(flow: Record<string, unknown>[], type?: 'full' | 'flows' | 'nodes'): Promise<void>;
    getNode(id: string): TestNode | null;
    startServer(): Promise<void>;
    /** Node.prototype, whose methods the helper wraps in sinon spies during a load. */
    _NodePrototype: Record<string, { getCalls?: () => { thisValue: { id?: string }; args: unknown[] }[] }>;
    stopServer(): Promise<void>;
  }
  const helper: NodeTestHelper;
  export = helper;
  export type { SpyCall, TestNode };
}
