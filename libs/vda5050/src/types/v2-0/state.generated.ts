/* eslint-disable */
/**
 * VDA 5050 2.0 message types, generated from src/schemas/v2.0/state.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * Current operating mode of the AGV.
 */
export type OperatingMode = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | 'SERVICE' | 'TEACHIN';
/**
 * WAITING: waiting for the trigger (passing the mode, entering the edge) PAUSED: paused by instantAction or external trigger FAILED: action could not be performed.
 */
export type ActionStatus = 'WAITING' | 'INITIALIZING' | 'RUNNING' | 'PAUSED' | 'FINISHED' | 'FAILED';
/**
 * WARNING: AGV is ready to drive without human intervention. FATAL: AGV is not in running condition.
 */
export type ErrorLevel = 'WARNING' | 'FATAL';
/**
 * Type of information
 */
export type InfoLevel = 'INFO' | 'DEBUG';
/**
 * Acknowledge-Type of eStop: AUTOACK: auto-acknowledgeable e-stop is activated, e.g., by bumper or protective field. MANUAL: e-stop hast to be acknowledged manually at the vehicle. REMOTE: facility e-stop has to be acknowledged remotely. NONE: no e-stop activated.
 */
export type EStop = 'AUTOACK' | 'MANUAL' | 'REMOTE' | 'NONE';

/**
 * all encompassing state of the AGV.
 */
export interface State {
  /**
   * headerId of the message. The headerId is defined per topic and incremented by 1 with each sent (but not necessarily received) message.
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
   * Manufacturer of the AGV
   */
  manufacturer: string;
  /**
   * Serial number of the AGV.
   */
  serialNumber: string;
  /**
   * Unique order identification of the current order or the previous finished order. The orderId is kept until a new order is received. Empty string ("") if no previous orderId is available.
   */
  orderId: string;
  /**
   * Order Update Identification to identify that an order update has been accepted by the AGV. "0" if no previous orderUpdateId is available.
   */
  orderUpdateId: number;
  /**
   * Unique ID of the zone set that the AGV currently uses for path planning. Must be the same as the one used in the order, otherwise the AGV is to reject the order. Optional: If the AGV does not use zones, this field can be omitted.
   */
  zoneSetId?: string;
  /**
   * nodeID of last reached node or, if AGV is currently on a node, current node (e.g., "node7"). Empty string ("") if no lastNodeId is available.
   */
  lastNodeId: string;
  /**
   * sequenceId of the last reached node or, if the AGV is currently on a node, sequenceId of current node. "0" if no lastNodeSequenceId is available.
   */
  lastNodeSequenceId: number;
  /**
   * True: indicates that the AGV is driving and/or rotating. Other movements of the AGV (e.g. lift movements) are not included here. False: indicates that the AGV is neither driving nor rotating
   */
  driving: boolean;
  /**
   * True: AGV is currently in a paused state, either because of the push of a physical button on the AGV or because of an instantAction. The AGV can resume the order. False: The AGV is currently not in a paused state.
   */
  paused?: boolean;
  /**
   * True: AGV is almost at the end of the base and will reduce speed if no new base is transmitted. Trigger for master control to send new base False: no base update required.
   */
  newBaseRequest?: boolean;
  /**
   * Used by line guided vehicles to indicate the distance it has been driving past the "lastNodeId". Distance is in meters
   */
  distanceSinceLastNode?: number;
  operatingMode: OperatingMode;
  /**
   * Array of nodeState-Objects, that need to be traversed for fulfilling the order. Empty list if idle.
   */
  nodeStates: NodeState[];
  /**
   * Information about the edges the AGV still has to drive over. Empty list if the AGV is idle.
   */
  edgeStates: EdgeState[];
  agvPosition?: AgvPosition;
  velocity?: Velocity;
  /**
   * Array for information about the loads that an AGV currently carries, if the AGV has any information about them. This array is optional: if an AGV cannot reason about its load state, it shall not send this field. If an empty field is sent, MC is to assume that the AGV can reason about its load state and that the AGV currently does not carry a load.
   */
  loads?: Load[];
  /**
   * Contains a list of the current actions and the actions which are yet to be finished. This may include actions from previous nodes that are still in progress. When an action is completed, an updated state message is published with actionStatus set to finished and if applicable with the corresponding resultDescription. The actionStates are kept until a new order is received.
   */
  actionStates: ActionState[];
  batteryState: BatteryState;
  /**
   * Array of errors. Errors are kept until resolution.
   */
  errors: VdaError[];
  /**
   * Array of information messages. Messages are only for visualization/debugging. There's no specification when these messages are deleted.
   */
  information?: Info[];
  safetyState: SafetyState;
}
export interface NodeState {
  /**
   * Unique node identification
   */
  nodeId: string;
  /**
   * sequenceId of the node.
   */
  sequenceId: number;
  /**
   * Verbose node description
   */
  nodeDescription?: string;
  nodePosition?: NodePosition;
  /**
   * True: indicates that the node is part of the base. False: indicates that the node is part of the horizon.
   */
  released: boolean;
}
/**
 * Node position. The object is defined in chapter 6.7 Topic: Order (from master control to AGV). Optional: Master control has this information. Can be sent additionally, e. g. for debugging purposes.
 */
export interface NodePosition {
  x: number;
  y: number;
  theta?: number;
  allowedDeviationXY?: number;
  allowedDeviationTheta?: number;
  mapId: string;
  mapDescription?: string;
}
export interface EdgeState {
  /**
   * Unique edge identification
   */
  edgeId: string;
  /**
   * sequenceId of the edge.
   */
  sequenceId: number;
  /**
   * Verbose Edge description
   */
  edgeDescription?: string;
  /**
   * True: Edge is part of base. False: Edge is part of horizon.
   */
  released: boolean;
  trajectory?: Trajectory;
}
/**
 * The trajectory is to be communicated as a NURBS and is defined in chapter 6.7 Topic: Order (from master control to AGV). Trajectory segments are from the point where the AGV starts to enter the edge until the point where it reports that the next node was traversed.
 */
export interface Trajectory {
  /**
   * The degree of the NURBS.
   */
  degree?: number;
  /**
   * Sequence of parameter values that determine where and how the control points affect the NURBS curve. knotVector has size of number of control points + degree + 1
   */
  knotVector: number[];
  /**
   * List of JSON controlPoint objects defining the control points of the NURBS. This includes the start and end point.
   */
  controlPoints: ControlPoint[];
}
export interface ControlPoint {
  x: number;
  y: number;
  /**
   * The weight with which this control point pulls no the curve. When not defined, the default will be 1.0.
   */
  weight?: number;
}
/**
 * The AGVs position
 */
export interface AgvPosition {
  x: number;
  y: number;
  theta: number;
  mapId: string;
  mapDescription?: string;
  /**
   * True if the AGVs position is initialized, false, if position is not initialized.
   */
  positionInitialized: boolean;
  /**
   * Describes the quality of the localization and therefore, can be used e. g. by SLAM-AGVs to describe how accurate the current position information is. 0.0: position unknown 1.0: position known. Optional for vehicles that cannot estimate their localization score. Only for logging and visualization purposes
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
/**
 * Load object that describes the load if the AGV has information about it.
 */
export interface Load {
  /**
   * Unique identification number of the load (e. g. barcode or RFID). Empty field if the AGV can identify the load but didn't identify the load yet. Optional if the AGV cannot identify the load.
   */
  loadId?: string;
  loadType?: string;
  /**
   * Indicates, which load handling/carrying unit of the AGV is used, e.g., in case the AGV has multiple spots/positions to carry loads. Optional for vehicles with only one loadPosition.
   */
  loadPosition?: string;
  boundingBoxReference?: BoundingBoxReference;
  loadDimensions?: LoadDimensions;
  /**
   * Weight of load in kg
   */
  weight?: number;
}
/**
 * Point of reference for the location of the bounding box. The point of reference is always the center of the bounding box bottom surface (at height = 0) and is described in coordinates of the AGV’s coordinate system.
 */
export interface BoundingBoxReference {
  x: number;
  y: number;
  z: number;
  theta?: number;
}
/**
 * Dimensions of the loads bounding box in meters.
 */
export interface LoadDimensions {
  /**
   * Absolute length of the loads bounding box in meter.
   */
  length: number;
  /**
   * Absolute width of the loads bounding box in meter.
   */
  width: number;
  /**
   * Absolute height of the loads bounding box in meter. Optional: Set value only if known.
   */
  height?: number;
}
export interface ActionState {
  /**
   * Unique actionId
   */
  actionId: string;
  /**
   * actionType of the action. Optional: Only for informational or visualization purposes. Order knows the type.
   */
  actionType?: string;
  /**
   * Additional information on the action.
   */
  actionDescription?: string;
  actionStatus: ActionStatus;
  /**
   * Description of the result, e.g., the result of a RFID-read. Errors will be transmitted in errors.
   */
  resultDescription?: string;
}
/**
 * All information relating to the battery.
 */
export interface BatteryState {
  /**
   * State of Charge: If AGV only provides values for good or bad battery levels, these will be indicated as 20% (bad) and 80% (good).
   */
  batteryCharge: number;
  /**
   * Battery voltage
   */
  batteryVoltage?: number;
  /**
   * State of health in percent.
   */
  batteryHealth?: number;
  /**
   * If true: Charging in progress.
   */
  charging: boolean;
  /**
   * Estimated reach with current State of Charge in meter.
   */
  reach?: number;
}
export interface VdaError {
  /**
   * Type of error.
   */
  errorType: string;
  errorReferences?: ErrorReference[];
  /**
   * Verbose description of error.
   */
  errorDescription?: string;
  errorLevel: ErrorLevel;
}
/**
 * Object that holds the error reference (e.g. orderId, orderUpdateId, actionId...) as key-value pairs.
 */
export interface ErrorReference {
  referenceKey: string;
  referenceValue: string;
}
export interface Info {
  /**
   * Type of Information.
   */
  infoType: string;
  infoReferences?: InfoReference[];
  /**
   * Verbose description of error.
   */
  infoDescription?: string;
  infoLevel: InfoLevel;
}
/**
 * Object that holds the info reference (e.g. orderId, orderUpdateId, actionId...) as key-value pairs.
 */
export interface InfoReference {
  referenceKey: string;
  referenceValue: string;
}
/**
 * Object that holds information about the safety status
 */
export interface SafetyState {
  eStop: EStop;
  /**
   * Protective field violation. True: field is violated. False: field is not violated.
   */
  fieldViolation: boolean;
}
