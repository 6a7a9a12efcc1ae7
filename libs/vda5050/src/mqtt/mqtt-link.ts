import { connect, ErrorWithSubackPacket, type IClientOptions, type ISubscriptionGrant, type MqttClient } from 'mqtt';
import { Topic } from '../topics/topic';
import { publishPolicyFor } from '../topics/topic-qos';
import { Vda5050Error, Vda5050ErrorCode } from '../vda5050.error';
import { enableNoDelay } from './no-delay';
import { reconnectWithBackoff } from './reconnect-backoff';

/** Link events shared by both clients. */
export interface LinkEvents {
  /** The MQTT session is (re)established. */
  connect: [];
  /** An established connection went down; mqtt.js will retry after `reconnectPeriod`. */
  disconnect: [];
  /** mqtt.js gave up the current attempt and is offline until the next reconnect. */
  offline: [];
  /**
   * A transport error (refused connection, keep-alive timeout, ...). A separate name from `error` so that an
   * application without a listener is not crashed by Node's rule for unhandled `error` events.
   */
  transportError: [Error];
}

/** Default MQTT settings: mqtt.js first reconnects after a second (then backs off, see openClient); the keep-alive follows the spec's ~15 s heartbeat (6.14). */
export const DEFAULT_MQTT_OPTIONS: Readonly<IClientOptions> = {
  reconnectPeriod: 1000,
  connectTimeout: 10_000,
  keepalive: 15,
  resubscribe: true,
};

/**
 * Opens an mqtt.js client with our defaults under the caller's options; a client that reconnects does so with
 * exponential backoff from `reconnectPeriod` up to 8 s (see reconnectWithBackoff).
 */
export function openClient(url: string | undefined, options: IClientOptions): MqttClient {
  const merged = { ...DEFAULT_MQTT_OPTIONS, ...options };
  const client = url === undefined ? connect(merged) : connect(url, merged);
  reconnectWithBackoff(client);
  return client;
}

/**
 * Ends a client: gracefully (MQTT DISCONNECT, so the broker drops the last will) when connected, by force otherwise,
 * because mqtt.js's graceful `end()` never completes while a connection attempt is still under way.
 */
export async function endClient(client: MqttClient): Promise<void> {
  await client.endAsync(!client.connected);
}

/**
 * Forwards mqtt.js link events to `emit` in our vocabulary and sets TCP_NODELAY. Returns a function that detaches
 * every listener it added.
 */
export function bindLink(
  client: MqttClient,
  emit: { [K in keyof LinkEvents]: (...args: LinkEvents[K]) => void },
  onConnect: () => void = emit.connect,
): () => void {
  let up = client.connected;
  const onMqttConnect = (): void => {
    up = true;
    onConnect();
  };
  const onClose = (): void => {
    // mqtt.js also emits `close` for every failed reconnect attempt; report only the loss of a live link.
    if (!up) return;
    up = false;
    emit.disconnect();
  };
  const onOffline = (): void => emit.offline();
  const onError = (error: Error): void => emit.transportError(error);
  const detachNoDelay = enableNoDelay(client);
  client.on('connect', onMqttConnect);
  client.on('close', onClose);
  client.on('offline', onOffline);
  client.on('error', onError);
  return () => {
    detachNoDelay();
    client.off('connect', onMqttConnect);
    client.off('close', onClose);
    client.off('offline', onOffline);
    client.off('error', onError);
  };
}

/**
 * Subscribes to each MQTT topic filter with the QoS of its VDA 5050 subtopic; rejects with `SUBSCRIPTION_REFUSED`
 * if the broker refuses any of them (MQTT answers a refusal with a SUBACK code, which mqtt.js turns into an error).
 */
export async function subscribeAll(client: MqttClient, filters: ReadonlyMap<string, Topic>): Promise<void> {
  const wanted = Object.fromEntries([...filters].map(([filter, topic]) => [filter, { qos: publishPolicyFor(topic).qos }]));
  let granted: ISubscriptionGrant[];
  try {
    granted = await client.subscribeAsync(wanted);
  } catch (error) {
    if (error instanceof ErrorWithSubackPacket) throw refused([...filters.keys()], error.message);
    throw error;
  }
  const refusedFilters = granted.filter((grant) => grant.qos === 128).map((grant) => grant.topic);
  if (refusedFilters.length > 0) throw refused(refusedFilters, 'QoS 128');
}

function refused(filters: string[], detail: string): Vda5050Error {
  return new Vda5050Error(Vda5050ErrorCode.SubscriptionRefused, `broker refused subscriptions to ${filters.join(', ')} (${detail})`);
}
