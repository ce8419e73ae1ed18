/**
 * A datasource's readings on a box: a source the owner granted, read and observed through
 * the box client the runtime injected (arbiter tokens, store API).
 *
 * @example
 * const source = box.source('loadavg1_3f2a9c1b');
 * if (source) createBoxReader(box, source).read({ kind: 'latest' }, {});
 */
import type { BoxClient, GrantedSource } from '../../runtime/box-client/box-client.types';
import type { SourceReader } from './datasource.reader';

export function createBoxReader(box: BoxClient, source: GrantedSource): SourceReader {
  return {
    now: () => Date.now(),
    read: (query, options) => box.read(source, query, options),
    observe: (onRow, onError) => box.observe(source, onRow, onError),
    async poke() {
      const result = await box.read(source, { kind: 'latest' });
      return Array.isArray(result) ? result : [];
    },
  };
}
