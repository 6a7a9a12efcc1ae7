/* eslint-disable */
/**
 * VDA 5050 2.1 message types, generated from src/schemas/v2.1/visualization.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * AGV position and/or velocity for visualization purposes. Can be published at a higher rate if wanted. Since bandwidth may be expensive depening on the update rate for this topic, all fields are optional.
 */
export interface Visualization {
  /**
   * headerId of the message. The headerId is defined per topic and incremented by 1 with each sent (but not necessarily received) message.
   */
  headerId?: number;
  /**
   * Timestamp in ISO8601 format (YYYY-MM-DDTHH:mm:ss.ffZ).
   */
  timestamp?: string;
  /**
   * Version of the protocol [Major].[Minor].[Patch]
   */
  version?: string;
  /**
   * Manufacturer of the AGV
   */
  manufacturer?: string;
  /**
   * Serial number of the AGV.
   */
  serialNumber?: string;
  agvPosition?: AgvPosition;
  velocity?: Velocity;
}
/**
 * The AGVs position
 */
export interface AgvPosition {
  x: number;
  y: number;
  theta: number;
  mapId: string;
  /**
   * True if the AGVs position is initialized, false, if position is not initizalized.
   */
  positionInitialized: boolean;
  /**
   * Localization score for SLAM based vehicles, if the AGV can communicate it.
   */
  localizationScore?: number;
  /**
   * Value for position deviation range in meters. Can be used if the AGV is able to derive it.
   */
  deviationRange?: number;
}
/**
 * The AGVs velocity in vehicle coordinates
 */
export interface Velocity {
  vx?: number;
  vy?: number;
  omega?: number;
}
