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
 */
export function enableNoDelay(client: MqttClient): () => void {
  const apply = (): void => {
    if (hasNoDelay(client.stream)) client.stream.setNoDelay(true);
  };
  const onPacketSend = (packet: { cmd: string }): void => {
    if (packet.cmd === 'connect') apply();
  };
  client.on('packetsend', onPacketSend);
  if (client.connected) apply();
  return () => client.off('packetsend', onPacketSend);
}
