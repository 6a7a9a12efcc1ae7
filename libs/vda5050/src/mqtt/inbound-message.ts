import type { ProtocolVersion, Topic, TopicPayload, TopicPayloadV2_1, VehicleId } from '../topics/topic';
import { parseTopic } from '../topics/topic-path';
import { parseMessage } from '../validation/message.parser';
import type { InvalidMessage } from '../validation/message.validator';

/** A validated inbound message with where it came from; narrow on `version` (and on `topic` for {@link AnyInbound}). */
export type InboundMessage<K extends Topic> = VehicleId & {
  topic: K;
  /** True if the broker delivered a retained message (e.g. a vehicle's last known connection state). */
  retained: boolean;
} & ({ version: '2.0'; message: TopicPayload[K] } | { version: '2.1'; message: TopicPayloadV2_1[K] });

/** Any inbound message, discriminated by `topic`. */
export type AnyInbound = { [K in Topic]: InboundMessage<K> }[Topic];

/** A message dropped on the way in: the MQTT topic it came on, the reason code and a readable explanation. */
export interface Rejection {
  topic: string;
  reason: InvalidMessage['reason'];
  error: string;
  /** The decoded JSON if there was any; see {@link InvalidMessage.payload}. */
  payload?: unknown;
}

/** What a client accepts on the way in. */
export interface InboundFilter {
  topics: ReadonlySet<Topic>;
  maxBytes: number;
  /** Set on a vehicle: messages must be addressed to it. */
  vehicle?: VehicleId;
}

function identityOf(message: object): Partial<VehicleId> {
  return message as Partial<VehicleId>;
}

/**
 * Runs the whole inbound pipeline for one MQTT message: topic shape, accepted subtopic, size, JSON, schema by
 * declared version, and that the header names the same vehicle as the topic. Never throws.
 */
export function decodeInbound(
  mqttTopic: string,
  raw: Buffer,
  retained: boolean,
  filter: InboundFilter,
): { ok: true; inbound: AnyInbound } | { ok: false; rejection: Rejection } {
  const reject = (reason: Rejection['reason'], error: string, payload?: unknown) => ({
    ok: false as const,
    rejection: { topic: mqttTopic, reason, error, ...(payload === undefined ? {} : { payload }) },
  });
  const parsed = parseTopic(mqttTopic);
  if (!parsed || !filter.topics.has(parsed.topic)) return reject('topic', `unexpected topic '${mqttTopic}'`);
  const expected = filter.vehicle ?? parsed;
  if (filter.vehicle && (parsed.manufacturer !== expected.manufacturer || parsed.serialNumber !== expected.serialNumber)) {
    return reject('topic', `topic '${mqttTopic}' is not addressed to this vehicle`);
  }
  const result = parseMessage(parsed.topic, raw, filter.maxBytes);
  if (!result.ok) return reject(result.reason, result.error, result.payload);
  const { manufacturer, serialNumber } = identityOf(result.message);
  if (manufacturer !== expected.manufacturer || serialNumber !== expected.serialNumber) {
    const error = `${parsed.topic}: header names ${manufacturer}/${serialNumber} but the topic ${expected.manufacturer}/${expected.serialNumber}`;
    return reject('identity', error, result.message);
  }
  const version: ProtocolVersion = result.version;
  // parseMessage validated the payload against the schema of exactly parsed.topic and version, so the pairing
  // of topic and message type holds; TypeScript cannot correlate the two unions by itself.
  const inbound = { topic: parsed.topic, manufacturer, serialNumber, retained, version, message: result.message };
  return { ok: true, inbound: inbound as AnyInbound };
}
