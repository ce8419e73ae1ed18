import { stringProp } from '../../core/flow/flow.types';
import { isHttpUrl } from '../../core/manifest/manifest.validate';
import type { NodeDescription } from '../../core/nodes/node-description';

export const exportDescription: NodeDescription = {
  type: 'databox-export',
  category: 'export',
  paletteLabel: 'export',
  color: '#fdb462',
  icon: 'databox-export.svg',
  inputs: 1,
  outputs: 1,
  defaults: {
    name: { value: '' },
    url: { value: '', required: true },
    description: { value: '' },
  },
  problemCode: 'export-url-invalid',
  contributes(node) {
    const url = stringProp(node, 'url').trim();
    const description = stringProp(node, 'description') || stringProp(node, 'name') || `Data sent to ${url}`;
    return [{ kind: 'export', url, description }];
  },
  problems(node) {
    const url = stringProp(node, 'url').trim();
    if (url === '') return ['Set the URL this node sends to (https://...); it is fixed in the node and shown to the owner before install.'];
    if (!isHttpUrl(url)) return [`"${url}" is not a valid http:// or https:// URL; set a full URL such as https://example.org/ingest.`];
    return [];
  },
};
