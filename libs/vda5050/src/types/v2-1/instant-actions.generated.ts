/* eslint-disable */
/**
 * VDA 5050 2.1 message types, generated from src/schemas/v2.1/instantActions.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * Regulates if the action is allowed to be executed during movement and/or parallel to other actions.
 * none: action can happen in parallel with others, including movement.
 * soft: action can happen simultaneously with others, but not while moving.
 * hard: no other actions can be performed while this action is running.
 */
export type BlockingType = 'NONE' | 'SOFT' | 'HARD';

/**
 * JSON Schema for publishing instantActions that the AGV is to execute as soon as they arrive.
 */
export interface InstantActions {
  /**
   * headerId of the message. The headerId is defined per topic and incremented by 1 with each sent (but not necessarily received) message.
   */
  headerId: number;
  /**
   * Timestamp in ISO8601 format (YYYY-MM-DDTHH:mm:ss.ffZ).
   */
  timestamp: string;
  /**
   * Version of the protocol [Major].[Minor].[Patch]
   */
  version: string;
  /**
   * Manufacturer of the AGV
   */
  manufacturer: string;
  /**
   * Serial number of the AGV.
   */
  serialNumber: string;
  actions: Action[];
}
/**
 * Describes an action that the AGV can perform.
 */
export interface Action {
  /**
   * Name of action as described in the first column of "Actions and Parameters". Identifies the function of the action.
   */
  actionType: string;
  /**
   * Unique ID to identify the action and map them to the actionState in the state. Suggestion: Use UUIDs.
   */
  actionId: string;
  /**
   * Additional information on the action.
   */
  actionDescription?: string;
  blockingType: BlockingType;
  /**
   * Array of actionParameter-objects for the indicated action e. g. deviceId, loadId, external Triggers.
   */
  actionParameters?: ActionParameter[];
}
export interface ActionParameter {
  /**
   * The key of the action parameter.
   */
  key: string;
  /**
   * The value of the action parameter
   */
  value: unknown[] | boolean | number | string | {};
}
