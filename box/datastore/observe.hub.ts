/**
 * Who observes what: exact subscriptions in a map (one lookup per write), wildcard ones in a
 * list. `publish` builds each message once and hands it to every matching subscriber.
 */
import { matches, type Subscription } from './observe.match';

export interface Subscriber {
  /** Delivers one message (JSON text `{path, timestamp, data}`). */
  deliver(text: string): void;
}

export interface ObserveHub {
  subscribe(subscription: Subscription, subscriber: Subscriber): () => void;
  /** True when some subscriber would receive a write to `path` (skip building messages otherwise). */
  wants(path: string): boolean;
  /** `data` is JSON text. */
  publish(path: string, timestamp: number, data: string): void;
}

/**
 * @example
 * const hub = createObserveHub();
 * hub.subscribe(parseSubscription('/ts/*'), { deliver: (text) => ws.send(text) });
 * hub.publish('/ts/loadavg1', Date.now(), '{"value":0.5}');
 */
export function createObserveHub(): ObserveHub {
  const exact = new Map<string, Set<Subscriber>>();
  const wildcards = new Set<{ subscription: Subscription; subscriber: Subscriber }>();
  return {
    subscribe(subscription, subscriber) {
      if (!subscription.regex) {
        let set = exact.get(subscription.pattern);
        if (!set) exact.set(subscription.pattern, (set = new Set()));
        set.add(subscriber);
        return () => {
          set.delete(subscriber);
          if (set.size === 0 && exact.get(subscription.pattern) === set) exact.delete(subscription.pattern);
        };
      }
      const entry = { subscription, subscriber };
      wildcards.add(entry);
      return () => void wildcards.delete(entry);
    },
    wants(path) {
      if (exact.has(path)) return true;
      for (const { subscription } of wildcards) if (matches(subscription, path)) return true;
      return false;
    },
    publish(path, timestamp, data) {
      const text = `{"path":${JSON.stringify(path)},"timestamp":${timestamp},"data":${data}}`;
      for (const subscriber of exact.get(path) ?? []) subscriber.deliver(text);
      for (const { subscription, subscriber } of wildcards) if (matches(subscription, path)) subscriber.deliver(text);
    },
  };
}
