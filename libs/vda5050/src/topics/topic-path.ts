import { Vda5050Error, Vda5050ErrorCode } from '../vda5050.error';
import { ALL_TOPICS, Topic, type VehicleId } from './topic';

/** The first two topic levels; defaults follow the spec's suggestion for local brokers: `uagv/v2`. */
export interface TopicOptions {
  /** Default `uagv`. */
  interfaceName?: string;
  /** Default `v2`. */
  majorVersion?: string;
}

/** A topic split into its five levels. */
export interface ParsedTopic extends VehicleId {
  interfaceName: string;
  majorVersion: string;
  topic: Topic;
}

/** Spec section 6.3: the characters a serial number consists of. */
const SERIAL_NUMBER = /^[A-Za-z0-9_.:-]+$/;
/** Other levels: anything but the level separator, `$` (broker-internal topics), MQTT wildcards and NUL. */
// eslint-disable-next-line no-control-regex -- MQTT forbids U+0000 in topic names (MQTT 3.1.1 section 4.7.3).
const TOPIC_LEVEL = /^[^/$+#\u0000]+$/;
const KNOWN_TOPICS: ReadonlySet<string> = new Set(ALL_TOPICS);

/** True if `serialNumber` only uses A-Z a-z 0-9 _ . : - (VDA 5050 section 6.3). */
export function isValidSerialNumber(serialNumber: string): boolean {
  return SERIAL_NUMBER.test(serialNumber);
}

/** True if `level` may be used as a manufacturer, interface name or major version: no `/`, `$`, `+`, `#`. */
export function isValidTopicLevel(level: string): boolean {
  return TOPIC_LEVEL.test(level);
}

function prefix(options: TopicOptions | undefined): [string, string] {
  const interfaceName = options?.interfaceName ?? 'uagv';
  const majorVersion = options?.majorVersion ?? 'v2';
  for (const level of [interfaceName, majorVersion]) {
    if (!isValidTopicLevel(level)) {
      throw new Vda5050Error(Vda5050ErrorCode.InvalidIdentifier, `invalid topic level '${level}'`);
    }
  }
  return [interfaceName, majorVersion];
}

/** Throws a {@link Vda5050Error} (`INVALID_IDENTIFIER`) unless both identifiers may appear in a topic. */
export function assertValidVehicleId(id: VehicleId): void {
  if (!isValidTopicLevel(id.manufacturer)) {
    throw new Vda5050Error(
      Vda5050ErrorCode.InvalidIdentifier,
      `manufacturer '${id.manufacturer}' must be non-empty and contain no '/', '$', '+' or '#'`,
    );
  }
  if (!isValidSerialNumber(id.serialNumber)) {
    throw new Vda5050Error(
      Vda5050ErrorCode.InvalidIdentifier,
      `serialNumber '${id.serialNumber}' may only contain A-Z a-z 0-9 _ . : -`,
    );
  }
}

/**
 * The MQTT topic of one vehicle's subtopic, e.g. `uagv/v2/ACME/R1/order`.
 * @throws {@link Vda5050Error} `INVALID_IDENTIFIER` if a level contains forbidden characters.
 */
export function topicFor(id: VehicleId, topic: Topic, options?: TopicOptions): string {
  assertValidVehicleId(id);
  const [interfaceName, majorVersion] = prefix(options);
  return `${interfaceName}/${majorVersion}/${id.manufacturer}/${id.serialNumber}/${topic}`;
}

/**
 * The wildcard subscription for one subtopic of all vehicles, e.g. `uagv/v2/+/+/state`.
 * @throws {@link Vda5050Error} `INVALID_IDENTIFIER` if the interface name or major version is invalid.
 */
export function subscriptionFor(topic: Topic, options?: TopicOptions): string {
  const [interfaceName, majorVersion] = prefix(options);
  return `${interfaceName}/${majorVersion}/+/+/${topic}`;
}

/**
 * Splits an MQTT topic into its five VDA 5050 levels. Returns `undefined` for any other shape, an unknown
 * subtopic or identifiers with forbidden characters, so callers can count and drop such messages.
 */
export function parseTopic(mqttTopic: string): ParsedTopic | undefined {
  const levels = mqttTopic.split('/');
  if (levels.length !== 5) return undefined;
  const [interfaceName, majorVersion, manufacturer, serialNumber, topic] = levels;
  if (!KNOWN_TOPICS.has(topic)) return undefined;
  if (![interfaceName, majorVersion, manufacturer].every(isValidTopicLevel)) return undefined;
  if (!isValidSerialNumber(serialNumber)) return undefined;
  return { interfaceName, majorVersion, manufacturer, serialNumber, topic: topic as Topic };
}
