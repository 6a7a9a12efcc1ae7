/* eslint-disable */
/**
 * VDA 5050 2.0 message types, generated from src/schemas/v2.0/connection.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * ONLINE: connection between AGV and broker is active. OFFLINE: connection between AGV and broker has gone offline in a coordinated way. CONNECTIONBROKEN: The connection between AGV and broker has unexpectedly ended.
 */
export type ConnectionState = 'ONLINE' | 'OFFLINE' | 'CONNECTIONBROKEN';

/**
 * The last will message of the AGV. Has to be sent with retain flag.
 * Once the AGV comes online, it has to send this message on its connect topic, with the connectionState enum set to "ONLINE".
 *  The last will message is to be configured with the connection state set to "CONNECTIONBROKEN".
 * Thus, if the AGV disconnects from the broker, master control gets notified via the topic "connection".
 * If the AGV is disconnecting in an orderly fashion (e.g. shutting down, sleeping), the AGV is to publish a message on this topic with the connectionState set to "DISCONNECTED".
 */
export interface Connection {
  /**
   * Header ID of the message. The headerId is defined per topic and incremented by 1 with each sent (but not necessarily received) message.
   */
  headerId: number;
  /**
   * Timestamp in ISO8601 format (YYYY-MM-DDTHH:mm:ss.ssZ).
   */
  timestamp: string;
  /**
   * Version of the protocol [Major].[Minor].[Patch]
   */
  version: string;
  /**
   * Manufacturer of the AGV.
   */
  manufacturer: string;
  /**
   * Serial number of the AGV.
   */
  serialNumber: string;
  connectionState: ConnectionState;
}
