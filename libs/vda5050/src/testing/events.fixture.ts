// Waiting on events with a deadline instead of sleeping. Test-only.
import type { EventEmitter } from 'node:events';

type EventMap<E> = { [K in keyof E]: unknown[] };

/**
 * Resolves with the arguments of the next `event` that satisfies `accept`, or rejects after `timeoutMs` naming the
 * event, so a hanging test says what it was waiting for.
 */
export function nextEvent<E extends EventMap<E>, K extends keyof E & string>(
  emitter: EventEmitter<E>,
  event: K,
  accept: (...args: E[K]) => boolean = () => true,
  timeoutMs = 3000,
): Promise<E[K]> {
  // The generic EventEmitter overloads do not resolve for an unresolved K; the plain view is equivalent.
  const plain = emitter as unknown as EventEmitter;
  return new Promise<E[K]>((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (!accept(...(args as E[K]))) return;
      clearTimeout(timer);
      plain.off(event, listener);
      resolve(args as E[K]);
    };
    const timer = setTimeout(() => {
      plain.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for '${event}'`));
    }, timeoutMs);
    plain.on(event, listener);
  });
}
