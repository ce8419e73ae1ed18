/**
 * The in-process channel between the output nodes (chart, list, text) and whoever shows
 * them: the app's `/ui` page in a container, or the studio's preview sidebar. One bus per
 * process, kept on `globalThis` so a node module loaded twice (source and compiled) still
 * shares it: Node-RED itself is one runtime per process too.
 *
 * @example
 * uiBus().register({ id: 'n1', kind: 'chart', label: 'Load', chart: 'line', unit: '' });
 * uiBus().publish('n1', { t: Date.now(), value: 0.7, series: 'loadavg1' });
 */
export type WidgetKind = 'chart' | 'list' | 'text';

export interface Widget {
  /** The node id. */
  id: string;
  kind: WidgetKind;
  label: string;
  /** chart: line | bar | gauge; list: table | list; text: plain | markdown. */
  style: string;
  unit?: string;
  /** Points or rows kept for a page that connects later. */
  capacity: number;
  /** gauge bounds */
  min?: number;
  max?: number;
  order?: number;
}

/** chart: {t, value, series}; list: {row}; text: {text}. */
export type WidgetUpdate =
  | { kind: 'chart'; t: number; value: number; series: string }
  | { kind: 'list'; row: Record<string, unknown> }
  | { kind: 'text'; text: string };

export type BusEvent =
  | { type: 'widget'; widget: Widget }
  | { type: 'remove'; id: string }
  | { type: 'update'; id: string; update: WidgetUpdate };

export interface UiBus {
  register(widget: Widget): void;
  remove(id: string): void;
  publish(id: string, update: WidgetUpdate): void;
  /** Widgets with the updates each still keeps, for a page that just connected. */
  snapshot(): { widget: Widget; updates: WidgetUpdate[] }[];
  subscribe(listener: (event: BusEvent) => void): () => void;
}

const KEY = Symbol.for('databox.ui-bus');

export function uiBus(): UiBus {
  const holder = globalThis as { [KEY]?: UiBus };
  holder[KEY] ??= createUiBus();
  return holder[KEY];
}

export function createUiBus(): UiBus {
  const widgets = new Map<string, { widget: Widget; updates: WidgetUpdate[] }>();
  const listeners = new Set<(event: BusEvent) => void>();
  const emit = (event: BusEvent) => {
    for (const listener of listeners) listener(event);
  };
  return {
    register(widget) {
      const kept = widgets.get(widget.id)?.updates ?? [];
      widgets.set(widget.id, { widget, updates: kept.slice(-widget.capacity) });
      emit({ type: 'widget', widget });
    },
    remove(id) {
      if (widgets.delete(id)) emit({ type: 'remove', id });
    },
    publish(id, update) {
      const entry = widgets.get(id);
      if (!entry) return;
      entry.updates.push(update);
      if (entry.updates.length > entry.widget.capacity) entry.updates.splice(0, entry.updates.length - entry.widget.capacity);
      emit({ type: 'update', id, update });
    },
    snapshot() {
      return [...widgets.values()].map(({ widget, updates }) => ({ widget, updates: [...updates] }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
