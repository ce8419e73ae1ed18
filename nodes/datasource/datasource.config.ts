/**
 * A datasource node's saved properties, checked (by its description) and typed once at deploy
 * (pure); the window of since / range reads is resolved against the clock at each read.
 *
 * @example
 * const config = readDatasourceConfig({ id: 'a1', type: 'databox-datasource', datasourceType: 'loadavg1', mode: 'last', count: 5 });
 * historyQuery(config, Date.now());   // { kind: 'last', n: 5 }
 */
import { DataboxError } from '../../core/errors';
import { datasourceTypeOrGeneric } from '../../core/catalogue/catalogue';
import type { DatasourceType } from '../../core/catalogue/catalogue.types';
import { booleanProp, numberProp, stringProp, type FlowNode } from '../../core/flow/flow.types';
import { deriveClientId } from '../../core/nodes/clientid';
import { isAggregation, type Aggregation, type HistoryQuery } from '../../core/protocol';
import { parseDuration, parseTime } from '../shared/duration.parse';
import { settingsRefusal, SETTINGS_HINT } from '../shared/node.start';
import { DATASOURCE_MODES, datasourceDescription, type DatasourceMode } from './datasource.description';


export interface DatasourceConfig {
  type: DatasourceType;
  clientid: string;
  mode: DatasourceMode;
  count: number;
  since: string;
  from: string;
  to: string;
  aggregation?: Aggregation;
  /** Observe: time between preview readings; history modes: re-read period (0 = once). */
  intervalMs: number;
  required: boolean;
  seed: string;
}

/** The settings as the node uses them; refused with the description's problems, and only those. */
export function readDatasourceConfig(node: FlowNode): DatasourceConfig {
  const refusal = settingsRefusal(datasourceDescription, node);
  if (refusal) throw refusal;
  const modeText = stringProp(node, 'mode') || 'observe';
  const mode: DatasourceMode = isDatasourceMode(modeText) ? modeText : 'observe';
  const count = numberProp(node, 'count', 10);
  const interval = numberProp(node, 'interval', 0);
  const aggregationText = stringProp(node, 'aggregation') || 'none';
  const type = datasourceTypeOrGeneric(stringProp(node, 'datasourceType'));
  const config: DatasourceConfig = {
    type, clientid: deriveClientId(node), mode, count,
    since: stringProp(node, 'since') || '1h', from: stringProp(node, 'from'), to: stringProp(node, 'to'),
    intervalMs: mode === 'observe' ? interval || type.periodMs : interval,
    required: booleanProp(node, 'required', true), seed: stringProp(node, 'seed'),
  };
  if (isAggregation(aggregationText) && mode !== 'observe') config.aggregation = aggregationText;
  return config;
}

/** The store query a history mode reads, with relative times resolved against `now`. */
export function historyQuery(config: DatasourceConfig, now: number, node?: FlowNode): HistoryQuery {
  switch (config.mode) {
    case 'observe':
    case 'latest': return { kind: 'latest' };
    case 'last': return { kind: 'last', n: config.count };
    case 'since': {
      const duration = parseDuration(config.since);
      const from = duration !== undefined ? now - duration : parseTime(config.since, now);
      if (from === undefined) throw configError(node, `"since" is "${config.since}": use a duration such as 15m, 2h or 1d, or a date such as 2026-01-31T12:00:00Z.`);
      return { kind: 'since', from };
    }
    case 'range': {
      const from = parseTime(config.from, now);
      const to = config.to.trim() === '' ? now : parseTime(config.to, now);
      if (from === undefined || to === undefined) throw configError(node, 'Set "from" (and optionally "to") to a date such as 2026-01-31T12:00:00Z, ms since 1970, or a duration before now such as 2h.');
      if (from > to) throw configError(node, '"from" is after "to": swap them.');
      return { kind: 'range', from, to };
    }
  }
}

function isDatasourceMode(value: string): value is DatasourceMode {
  return (DATASOURCE_MODES as readonly string[]).includes(value);
}

function configError(node: FlowNode | undefined, message: string): DataboxError {
  return new DataboxError('node-config-invalid', message, {
    hint: SETTINGS_HINT,
    ...(node ? { node: { id: node.id, type: node.type, ...(node.name ? { name: node.name } : {}) } } : {}),
  });
}
