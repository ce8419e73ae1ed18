/**
 * A datasource's readings on a box: a source the owner granted, read and observed through
 * the box client the runtime injected (arbiter tokens, store API). Rows are unwrapped to the
 * reading itself (`{value: x}` -> `x`), as preview gives them.
 *
 * @example
 * const source = box.source('loadavg1_3f2a9c1b');
 * if (source) createBoxReader(box, source).read({ kind: 'latest' }, {});
 */
import type { BoxClient, GrantedSource } from '../../runtime/box-client/box-client.types';
import { unwrapResult, unwrapRow } from '../shared/reading.unwrap';
import type { SourceReader } from './datasource.reader';

export function createBoxReader(box: BoxClient, source: GrantedSource): SourceReader {
  return {
    now: () => Date.now(),
    read: async (query, options) => unwrapResult(await box.read(source, query, options)),
    observe: (onRow, onError) => box.observe(source, (row) => onRow(unwrapRow(row)), onError),
    async poke() {
      const result = unwrapResult(await box.read(source, { kind: 'latest' }));
      return Array.isArray(result) ? result : [];
    },
  };
}
