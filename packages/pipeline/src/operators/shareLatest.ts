import { shareReplay, type MonoTypeOperatorFunction } from "rxjs";

/**
 * Shares one subscription to the source among all subscribers and replays
 * the latest value to a late one; unsubscribes from the source when the last
 * subscriber leaves, so stale work stops.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return shareReplay({ bufferSize: 1, refCount: true });
}
