/**
 * The behaviour the three page outputs (chart, list, text) share: register a widget on the
 * UI bus at deploy, publish what each message becomes, remove the widget on close (a
 * redeploy registers it again). What a message becomes is each node's own pure function.
 *
 * @example
 * runWidget(node, widget, (msg) => [{ kind: 'text', text: String(msg.payload) }]);
 */
import { uiBus, type Widget, type WidgetUpdate } from '../../core/ui-bus';
import type { Node, NodeMessage } from '../red.types';
import { failInput, throttledStatus } from './node.status';

export type ToUpdates = (msg: NodeMessage) => WidgetUpdate[];

export function runWidget(node: Node, widget: Widget, toUpdates: ToUpdates, describe: (update: WidgetUpdate) => string): void {
  const bus = uiBus();
  bus.register(widget);
  node.status({ fill: 'grey', shape: 'ring', text: `${widget.kind}: waiting` });
  const status = throttledStatus(node, 500);
  node.on('input', (msg, _send, done) => {
    let updates: WidgetUpdate[];
    try {
      updates = toUpdates(msg);
    } catch (error) {
      failInput(node, done, error);
      return;
    }
    for (const update of updates) bus.publish(widget.id, update);
    if (updates.length > 0) status({ fill: 'green', shape: 'dot', text: describe(updates[updates.length - 1]) });
    done();
  });
  node.on('close', (_removed, done) => {
    status.stop();
    bus.remove(widget.id);
    node.status({});
    done();
  });
}

/** The label a widget shows: its own label, else the node name, else a default. */
export function widgetLabel(label: string, name: string | undefined, fallback: string): string {
  return label.trim() || (name ?? '').trim() || fallback;
}
