import type { V2_0, V2_1 } from '../types/vda5050.types';

/** The VDA 5050 v2 subtopics (last MQTT topic level). */
export enum Topic {
  Order = 'order',
  InstantActions = 'instantActions',
  State = 'state',
  Visualization = 'visualization',
  Connection = 'connection',
  Factsheet = 'factsheet',
}

/** Every subtopic, in spec order. */
export const ALL_TOPICS: readonly Topic[] = Object.values(Topic);

/** Payload type of each topic as the product emits it (VDA 5050 2.0). */
export interface TopicPayload {
  [Topic.Order]: V2_0.Order;
  [Topic.InstantActions]: V2_0.InstantActions;
  [Topic.State]: V2_0.State;
  [Topic.Visualization]: V2_0.Visualization;
  [Topic.Connection]: V2_0.Connection;
  [Topic.Factsheet]: V2_0.Factsheet;
}

/** Payload type of each topic in VDA 5050 2.1 (for reading messages from 2.1 vehicles). */
export interface TopicPayloadV2_1 {
  [Topic.Order]: V2_1.Order;
  [Topic.InstantActions]: V2_1.InstantActions;
  [Topic.State]: V2_1.State;
  [Topic.Visualization]: V2_1.Visualization;
  [Topic.Connection]: V2_1.Connection;
  [Topic.Factsheet]: V2_1.Factsheet;
}

/** The protocol versions this library reads; it writes only 2.0. */
export type ProtocolVersion = '2.0' | '2.1';

/** A validated message together with the minor version whose schema it passed; narrow on `version`. */
export type VersionedMessage<K extends Topic> =
  | { version: '2.0'; message: TopicPayload[K] }
  | { version: '2.1'; message: TopicPayloadV2_1[K] };

/** Identifies one vehicle, as in the topic levels and the header. */
export interface VehicleId {
  manufacturer: string;
  serialNumber: string;
}
