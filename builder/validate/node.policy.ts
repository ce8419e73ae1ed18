/**
 * Which node types a box app may use. Deny by default: a type must be a Node-RED core node
 * on the allowed list, a Databox node, a subflow instance, or a node of an installed
 * third-party module that is not on the forbidden list. See
 * docs/decisions/0005-builder-node-policy.md for why each forbidden type is forbidden.
 *
 * @example
 * FORBIDDEN_TYPES.get('exec') // 'it runs programs in the app container'
 */

/** Node-RED 4.1 core nodes that only transform, route or time messages inside the flow. */
export const ALLOWED_CORE_TYPES: ReadonlySet<string> = new Set([
  'inject', 'debug', 'complete', 'catch', 'status', 'link in', 'link out', 'link call', 'comment',
  'junction', 'global-config', 'function', 'switch', 'change', 'range', 'template', 'delay',
  'trigger', 'rbe', 'csv', 'html', 'json', 'xml', 'yaml', 'split', 'join', 'sort', 'batch',
]);

const NETWORK = 'it opens network connections; an app sends data off the box only through a Databox export node';
const FILES = 'it reads or writes the container\'s files (where the app\'s token and the box CA live)';

/** Node types refused in a box app, with the reason shown to the developer. */
export const FORBIDDEN_TYPES: ReadonlyMap<string, string> = new Map([
  ['exec', 'it runs programs in the app container'],
  ['http request', NETWORK],
  ['http in', 'it serves HTTP endpoints; an app serves only its /ui page, drawn by the chart, list and text nodes'],
  ['http response', 'it answers HTTP endpoints; an app serves only its /ui page, drawn by the chart, list and text nodes'],
  ['http proxy', NETWORK],
  ['mqtt in', NETWORK], ['mqtt out', NETWORK], ['mqtt-broker', NETWORK],
  ['tcp in', NETWORK], ['tcp out', NETWORK], ['tcp request', NETWORK],
  ['udp in', NETWORK], ['udp out', NETWORK],
  ['websocket in', NETWORK], ['websocket out', NETWORK], ['websocket-client', NETWORK], ['websocket-listener', NETWORK],
  ['tls-config', 'it loads keys and certificates from files for network nodes, which apps may not use'],
  ['file', FILES], ['file in', FILES], ['watch', FILES],
  // Well-known third-party nodes that reach the network or devices directly.
  ['e-mail', NETWORK], ['e-mail in', NETWORK], ['e-mail mta', NETWORK],
  ['ping', NETWORK], ['snmp', NETWORK], ['snmp set', NETWORK], ['snmp table', NETWORK], ['snmp subtree', NETWORK], ['snmp walker', NETWORK],
  ['serial in', 'it talks to devices directly; an app acts on devices only through a Databox actuator node'],
  ['serial out', 'it talks to devices directly; an app acts on devices only through a Databox actuator node'],
  ['serial request', 'it talks to devices directly; an app acts on devices only through a Databox actuator node'],
  ['serial-port', 'it talks to devices directly; an app acts on devices only through a Databox actuator node'],
]);

/** Node-RED's placeholder for a type it could not find: always unknown. */
export const UNKNOWN_PLACEHOLDER = 'unknown';
