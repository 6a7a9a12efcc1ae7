import type { MqttClient } from 'mqtt';

interface NoDelaySocket {
  setNoDelay(noDelay?: boolean): unknown;
}

function hasNoDelay(stream: unknown): stream is NoDelaySocket {
  return typeof (stream as Partial<NoDelaySocket> | undefined)?.setNoDelay === 'function';
}

/**
 * Turns off Nagle's algorithm on every socket the client opens. VDA 5050 messages are small and latency matters
 * (on loopback Nagle plus delayed ACK puts p99 near 40 ms); mqtt.js has no option for it, and builds a new
 * `client.stream` on each (re)connect, so we catch the CONNECT packet of each stream. WebSocket streams have no
 * socket method and are left alone.
 *
 * The stream there is now is set at once, connected or not: mqtt.js opens the first connection (and writes its
 * CONNECT) inside `connect()`, before anyone can listen, so a client bound right after `connect()` would otherwise
 * keep Nagle on its first connection — an order written behind a small unacknowledged message then waited for the
 * broker's delayed ACK (measured: p50 7 ms, up to 40 ms from publish to the broker). Node keeps the flag for a socket
 * still connecting.
 */
export function enableNoDelay(client: MqttClient): () => void {
  const apply = (): void => {
    if (hasNoDelay(client.stream)) client.stream.setNoDelay(true);
  };
  const onPacketSend = (packet: { cmd: string }): void => {
    if (packet.cmd === 'connect') apply();
  };
  client.on('packetsend', onPacketSend);
  apply();
  return () => client.off('packetsend', onPacketSend);
}
