/** Why the library refused to do something the caller asked for. */
export enum Vda5050ErrorCode {
  /** An outbound message failed its schema; a programming error in the caller. */
  InvalidMessage = 'INVALID_MESSAGE',
  /** A manufacturer, serial number or topic level contains characters the spec forbids in MQTT topics. */
  InvalidIdentifier = 'INVALID_IDENTIFIER',
  /** A publish was attempted while the MQTT link is down (QoS 0 messages would otherwise be lost silently). */
  NotConnected = 'NOT_CONNECTED',
  /** The broker refused a subscription the client needs (e.g. an ACL). */
  SubscriptionRefused = 'SUBSCRIPTION_REFUSED',
  /** The client was closed. */
  Closed = 'CLOSED',
}

/** Error thrown or rejected by `@opiekun/vda5050`, with a code to map at the caller's edge. */
export class Vda5050Error extends Error {
  constructor(
    readonly code: Vda5050ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Vda5050Error';
  }
}
