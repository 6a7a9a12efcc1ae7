import type { MqttClient } from 'mqtt';

/** Longest wait between two reconnect attempts: a broker back after an outage is found within this. */
export const DEFAULT_RECONNECT_MAX_MS = 8_000;

/**
 * Exponential reconnect backoff for an mqtt.js client, which by itself retries at a fixed `reconnectPeriod`: after
 * each failed attempt the next wait doubles, up to `maxMs`, with ±20 % jitter so that a fleet whose broker restarted
 * does not reconnect in lockstep; a successful connection starts again from the initial period. mqtt.js reads
 * `options.reconnectPeriod` each time it schedules a retry (on `close`), so the next wait is set there.
 * Does nothing for a client that does not reconnect (`reconnectPeriod` 0). Returns a function that detaches it.
 */
export function reconnectWithBackoff(client: MqttClient, maxMs = DEFAULT_RECONNECT_MAX_MS, random: () => number = Math.random): () => void {
  const initial = client.options.reconnectPeriod ?? 0;
  if (initial <= 0) return () => undefined;
  let wait = initial;
  const onClose = (): void => {
    wait = Math.min(maxMs, wait * 2);
    client.options.reconnectPeriod = Math.max(1, Math.round(wait * (0.8 + 0.4 * random())));
  };
  const onConnect = (): void => {
    wait = initial;
    client.options.reconnectPeriod = initial;
  };
  client.on('close', onClose);
  client.on('connect', onConnect);
  return () => {
    client.off('close', onClose);
    client.off('connect', onConnect);
  };
}
