/**
 * A stand-in for the box client in box-mode node tests: every method refuses unless the
 * test gives it, so a test states exactly what it expects the node to call. The real client
 * and its end-to-end test belong to box/.
 *
 * @example
 * const box = fakeBox({ source: () => undefined });
 */
import type { BoxClient, GrantedSource } from '../../runtime/box-client/box-client.types';

export function fakeBox(methods: Partial<BoxClient>): BoxClient {
  const refuse = (name: string) => () => { throw new Error(`the node called box.${name}, which this test does not expect`); };
  return {
    source: refuse('source'), read: refuse('read'), observe: refuse('observe'), actuate: refuse('actuate'),
    ownDataStore: refuse('ownDataStore'), export: refuse('export'), close: async () => {},
    ...methods,
  };
}

export function granted(clientid: string, overrides: Partial<GrantedSource> = {}): GrantedSource {
  return {
    clientid, href: `http://store:8080/ts/${clientid}`, store: 'store', datasourceId: clientid,
    storeType: 'ts', actuator: false, metadata: [], ...overrides,
  };
}
