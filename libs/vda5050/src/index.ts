/**
 * `@opiekun/vda5050`: VDA 5050 v2 message types, schemas, validation, topics, header stamping and MQTT transport,
 * shared by master control (apps/api) and the virtual vehicles (robot-sim). It emits 2.0 and reads 2.0 and 2.1.
 *
 * @packageDocumentation
 */
export type * from './types/vda5050.types';

export { systemClock, type Clock } from './clock';
export { Vda5050Error, Vda5050ErrorCode } from './vda5050.error';

export {
  ALL_TOPICS,
  Topic,
  type ProtocolVersion,
  type TopicPayload,
  type TopicPayloadV2_1,
  type VehicleId,
  type VersionedMessage,
} from './topics/topic';
export {
  assertValidVehicleId,
  isValidSerialNumber,
  isValidTopicLevel,
  parseTopic,
  subscriptionFor,
  topicFor,
  type ParsedTopic,
  type TopicOptions,
} from './topics/topic-path';
export { publishPolicyFor, type PublishPolicy } from './topics/topic-qos';

export {
  protocolVersionOf,
  validateMessage,
  type InvalidMessage,
  type RejectReason,
  type ValidationResult,
} from './validation/message.validator';
export { DEFAULT_MAX_MESSAGE_BYTES, parseMessage } from './validation/message.parser';

export { headerTimeMs } from './header/header-time';
export {
  EMITTED_PROTOCOL_VERSION,
  HeaderStamper,
  type HeaderField,
  type HeaderStamperOptions,
  type Headerless,
} from './header/header.stamper';

export type { AnyInbound, InboundMessage, Rejection } from './mqtt/inbound-message';
export { DEFAULT_MQTT_OPTIONS, type LinkEvents } from './mqtt/mqtt-link';
export {
  MasterControlClient,
  type MasterControlEvents,
  type MasterControlOptions,
} from './mqtt/master-control.client';
export { VehicleClient, type VehicleClientOptions, type VehicleEvents } from './mqtt/vehicle.client';
export { vehicleOfUsername, vehicleUsername } from './mqtt/vehicle-login';
export { withSiteAuthority } from './mqtt/trusted-authorities';
export { withoutUserInfo } from './mqtt/url-without-user-info';
