import { numberProp, stringProp, type FlowNode } from '../../core/flow/flow.types';
import { isHttpUrl } from '../../core/manifest/manifest.validate';
import type { NodeDescription } from '../../core/nodes/node-description';
import type { PrivacySpec } from '../../core/privacy/privacy.types';
import { privacyProblems } from '../../core/privacy/privacy.validate';

/**
 * The privacy spec a `databox-private-export` node declares, from its settings (`mechanism`,
 * `epsilon`, `period`, and `lo`, `hi`, `unit` or comma-separated `categories`), with the
 * problems of those settings as sentences saying what to do. Pure.
 *
 * @example
 * privateExportSpec({ id: 'n1', type: 'databox-private-export', mechanism: 'laplace', epsilon: '1', period: 'day', lo: '0', hi: '40', unit: '°C' })
 * // { spec: { mechanism: 'laplace', epsilon: 1, period: 'day', bounds: [0, 40], unit: '°C' }, problems: [] }
 */
export function privateExportSpec(node: FlowNode): { spec?: PrivacySpec; problems: string[] } {
  const mechanism = stringProp(node, 'mechanism');
  const base = { epsilon: numberProp(node, 'epsilon', Number.NaN), period: stringProp(node, 'period') };
  const unit = stringProp(node, 'unit').trim();
  const candidate = mechanism === 'randomized-response'
    ? { mechanism, ...base, categories: stringProp(node, 'categories').split(',').map((c) => c.trim()).filter((c) => c !== '') }
    : { mechanism, ...base, bounds: [numberProp(node, 'lo', Number.NaN), numberProp(node, 'hi', Number.NaN)], ...(unit ? { unit } : {}) };
  const found = privacyProblems(candidate, '');
  if (found.length === 0) return { spec: candidate as PrivacySpec, problems: [] };
  return { problems: found.map((p) => `${FIELD_WORDS[p.field] ?? p.field} ${p.message}.`) };
}

const FIELD_WORDS: Record<string, string> = {
  '.mechanism': 'Mechanism', '.epsilon': 'Epsilon', '.period': 'Period', '.bounds': 'The bounds (lo and hi)', '.unit': 'Unit', '.categories': 'Categories (comma-separated)',
};

export const privateExportDescription: NodeDescription = {
  type: 'databox-private-export',
  category: 'export',
  paletteLabel: 'private export',
  color: '#fdb462',
  icon: 'databox-private-export.svg',
  inputs: 1,
  outputs: 1,
  defaults: {
    name: { value: '' },
    url: { value: '', required: true },
    description: { value: '' },
    mechanism: { value: 'laplace' },
    epsilon: { value: 1 },
    period: { value: 'day' },
    lo: { value: 0 },
    hi: { value: 100 },
    unit: { value: '' },
    categories: { value: '' },
  },
  problemCode: 'private-export-invalid',
  contributes(node) {
    const url = stringProp(node, 'url').trim();
    const { spec } = privateExportSpec(node);
    const description = stringProp(node, 'description') || stringProp(node, 'name') || `Noisy ${spec?.mechanism === 'randomized-response' ? 'answers' : 'values'} for a study`;
    return [{ kind: 'export', url, description, ...(spec ? { privacy: spec } : {}) }];
  },
  problems(node) {
    const url = stringProp(node, 'url').trim();
    const problems: string[] = [];
    if (url === '') problems.push('Set the URL this node sends to (https://...), for a study collector https://<host>/studies/<study>/reports; it is fixed in the node and shown to the owner before install.');
    else if (!isHttpUrl(url)) problems.push(`"${url}" is not a valid http:// or https:// URL; set a full URL such as https://study.example.org/studies/temperature/reports.`);
    return [...problems, ...privateExportSpec(node).problems];
  },
};
