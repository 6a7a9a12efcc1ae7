/* eslint-disable */
/**
 * VDA 5050 2.1 message types, generated from src/schemas/v2.1/state.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * Information on the status of the map indicating, if a map version is currently used on the vehicle. ENABLED: Indicates this map is currently active / used on the AGV. At most one map with the same mapId can have its status set to ENABLED.<br>DISABLED: Indicates this map version is currently not enabled on the AGV and thus could be enabled or deleted by request.
 */
export type MapStatus = 'ENABLED' | 'DISABLED';
/**
 * Current operating mode of the AGV.
 */
export type OperatingMode = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | 'SERVICE' | 'TEACHIN';
/**
 * WAITING: waiting for the trigger (passing the mode, entering the edge) PAUSED: paused by instantAction or external trigger FAILED: action could not be performed.
 */
export type ActionStatus = 'WAITING' | 'INITIALIZING' | 'RUNNING' | 'PAUSED' | 'FINISHED' | 'FAILED';
/**
 * WARNING: AGV is ready to start (e.g., maintenance cycle expiration warning). FATAL: AGV is not in running condition, user intervention required (e.g., laser scanner is contaminated).
 */
export type ErrorLevel = 'WARNING' | 'FATAL';
/**
 * DEBUG: used for debugging. INFO: used for visualization.
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
  /**
   * Array of map-objects that are currently stored on the vehicle.
   */
  maps?: AgvMap[];
  /**
   * Unique order identification of the current order or the previous finished order. The orderId is kept until a new order is received. Empty string ("") if no previous orderId is available.
   */
  orderId: string;
  /**
   * Order Update Identification to identify that an order update has been accepted by the AGV. "0" if no previous orderUpdateId is available.
   */
  orderUpdateId: number;
  /**
   * Unique ID of the zone set that the AGV currently uses for path planning. Must be the same as the one used in the order, otherwise the AGV is to reject the order.
   * Optional: If the AGV does not use zones, this field can be omitted.
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
   * True: indicates that the AGV is driving and/or rotating. Other movements of the AGV (e.g., lift movements) are not included here.
   * False: indicates that the AGV is neither driving nor rotating
   */
  driving: boolean;
  /**
   * True: AGV is currently in a paused state, either because of the push of a physical button on the AGV or because of an instantAction. The AGV can resume the order.
   * False: The AGV is currently not in a paused state.
   */
  paused?: boolean;
  /**
   * True: AGV is almost at the end of the base and will reduce speed if no new base is transmitted. Trigger for master control to send new base
   * False: no base update required.
   */
  newBaseRequest?: boolean;
  /**
   * Used by line guided vehicles to indicate the distance it has been driving past the "lastNodeId".
   * Distance is in meters.
   */
  distanceSinceLastNode?: number;
  operatingMode: OperatingMode;
  /**
   * Array of nodeState-Objects, that need to be traversed for fulfilling the order. Empty list if idle.
   */
  nodeStates: NodeState[];
  /**
   * Array of edgeState-Objects, that need to be traversed for fulfilling the order, empty list if idle.
   */
  edgeStates: EdgeState[];
  agvPosition?: AgvPosition;
  velocity?: Velocity;
  /**
   * Loads, that are currently handled by the AGV. Optional: If AGV cannot determine load state, leave the array out of the state. If the AGV can determine the load state, but the array is empty, the AGV is considered unloaded.
   */
  loads?: Load[];
  /**
   * Contains a list of the current actions and the actions which are yet to be finished. This may include actions from previous nodes that are still in progress
   * When an action is completed, an updated state message is published with actionStatus set to finished and if applicable with the corresponding resultDescription. The actionStates are kept until a new order is received.
   */
  actionStates: ActionState[];
  batteryState: BatteryState;
  /**
   * Array of error-objects. All active errors of the AGV should be in the list. An empty array indicates that the AGV has no active errors.
   */
  errors: VdaError[];
  /**
   * Array of info-objects. An empty array indicates, that the AGV has no information. This should only be used for visualization or debugging – it must not be used for logic in master control.
   */
  information?: Info[];
  safetyState: SafetyState;
}
export interface AgvMap {
  /**
   * ID of the map describing a defined area of the vehicle's workspace.
   */
  mapId: string;
  /**
   * Version of the map.
   */
  mapVersion: string;
  /**
   * Additional information on the map.
   */
  mapDescription?: string;
  mapStatus: MapStatus;
}
export interface NodeState {
  /**
   * Unique node identification
   */
  nodeId: string;
  /**
   * sequenceId to discern multiple nodes with same nodeId.
   */
  sequenceId: number;
  /**
   * Additional information on the node.
   */
  nodeDescription?: string;
  /**
   * True: indicates that the node is part of the base. False: indicates that the node is part of the horizon.
   */
  released: boolean;
  nodePosition?: NodePosition;
}
/**
 * Node position. The object is defined in chapter 5.4 Topic: Order (from master control to AGV).
 * Optional:Master control has this information. Can be sent additionally, e.g., for debugging purposes.
 */
export interface NodePosition {
  x: number;
  y: number;
  theta?: number;
  mapId: string;
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
   * Additional information on the edge.
   */
  edgeDescription?: string;
  /**
   * True indicates that the edge is part of the base. False indicates that the edge is part of the horizon.
   */
  released: boolean;
  trajectory?: Trajectory;
}
/**
 * The trajectory is to be communicated as a NURBS and is defined in chapter 6.7 Implementation of the Order message.
 * Trajectory segments reach from the point, where the AGV starts to enter the edge to the point where it reports that the next node was traversed.
 */
export interface Trajectory {
  /**
   * Defines the number of control points that influence any given point on the curve. Increasing the degree increases continuity. If not defined, the default value is 1.
   */
  degree: number;
  /**
   * Sequence of parameter values that determine where and how the control points affect the NURBS curve. knotVector has size of number of control points + degree + 1
   */
  knotVector: number[];
  /**
   * List of JSON controlPoint objects defining the control points of the NURBS, which includes the beginning and end point.
   */
  controlPoints: ControlPoint[];
}
export interface ControlPoint {
  x: number;
  y: number;
  /**
   * The weight, with which this control point pulls on the curve.
   * When not defined, the default will be 1.0.
   */
  weight?: number;
}
/**
 * Defines the position on a map in world coordinates. Each floor has its own map.
 */
export interface AgvPosition {
  x: number;
  y: number;
  theta: number;
  mapId: string;
  mapDescription?: string;
  /**
   * True: position is initialized. False: position is not initizalized.
   */
  positionInitialized: boolean;
  /**
   * Describes the quality of the localization and therefore, can be used, e.g., by SLAM-AGV to describe how accurate the current position information is.
   * 0.0: position unknown
   * 1.0: position known
   * Optional for vehicles that cannot estimate their localization score.
   * Only for logging and visualization purposes
   */
  localizationScore?: number;
  /**
   * Value for position deviation range in meters. Optional for vehicles that cannot estimate their deviation, e.g., grid-based localization. Only for logging and visualization purposes.
   */
  deviationRange?: number;
}
/**
 * The AGVs velocity in vehicle coordinates
 */
export interface Velocity {
  /**
   * The AVGs velocity in its x direction
   */
  vx?: number;
  /**
   * The AVGs velocity in its y direction
   */
  vy?: number;
  /**
   * The AVGs turning speed around its z axis.
   */
  omega?: number;
}
/**
 * Load object that describes the load if the AGV has information about it.
 */
export interface Load {
  /**
   * Unique identification number of the load (e.g., barcode or RFID). Empty field, if the AGV can identify the load, but did not identify the load yet. Optional, if the AGV cannot identify the load.
   */
  loadId?: string;
  /**
   * Type of load.
   */
  loadType?: string;
  /**
   * Indicates, which load handling/carrying unit of the AGV is used, e.g., in case the AGV has multiple spots/positions to carry loads. Optional for vehicles with only one loadPosition.
   */
  loadPosition?: string;
  boundingBoxReference?: BoundingBoxReference;
  loadDimensions?: LoadDimensions;
  /**
   * Absolute weight of the load measured in kg.
   */
  weight?: number;
}
/**
 * Point of reference for the location of the bounding box. The point of reference is always the center of the bounding box bottom surface (at height = 0) and is described in coordinates of the AGV coordinate system.
 */
export interface BoundingBoxReference {
  x: number;
  y: number;
  z: number;
  /**
   * Orientation of the loads bounding box. Important for tugger, trains, etc.
   */
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
   * Absolute height of the loads bounding box in meter.
   * Optional:
   * Set value only if known.
   */
  height?: number;
}
export interface ActionState {
  /**
   * Unique actionId
   */
  actionId: string;
  /**
   * actionType of the action.
   * Optional: Only for informational or visualization purposes. Order knows the type.
   */
  actionType?: string;
  /**
   * Additional information on the current action.
   */
  actionDescription?: string;
  actionStatus: ActionStatus;
  /**
   * Description of the result, e.g., the result of a RFID-read. Errors will be transmitted in errors.
   */
  resultDescription?: string;
}
/**
 * Contains all battery-related information.
 */
export interface BatteryState {
  /**
   * State of Charge in %:
   * If AGV only provides values for good or bad battery levels, these will be indicated as 20% (bad) and 80% (good).
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
   * True: charging in progress. False: AGV is currently not charging.
   */
  charging: boolean;
  /**
   * Estimated reach with current State of Charge in meter.
   */
  reach?: number;
}
export interface VdaError {
  /**
   * Type/name of error.
   */
  errorType: string;
  errorReferences?: ErrorReference[];
  /**
   * Verbose description providing details and possible causes of the error.
   */
  errorDescription?: string;
  /**
   * Hint on how to approach or solve the reported error.
   */
  errorHint?: string;
  errorLevel: ErrorLevel;
}
/**
 * Array of references (e.g. nodeId, edgeId, orderId, actionId, etc.) to provide more information related to the error.
 */
export interface ErrorReference {
  /**
   * Specifies the type of reference used (e.g. nodeId, edgeId, orderId, actionId, etc.).
   */
  referenceKey: string;
  /**
   * The value that belongs to the reference key. For example, the id of the node where the error occurred.
   */
  referenceValue: string;
}
export interface Info {
  /**
   * Type/name of information.
   */
  infoType: string;
  infoReferences?: InfoReference[];
  /**
   * Info of description.
   */
  infoDescription?: string;
  infoLevel: InfoLevel;
}
/**
 * Array of references.
 */
export interface InfoReference {
  /**
   * References the type of reference (e.g., headerId, orderId, actionId, etc.).
   */
  referenceKey: string;
  /**
   * References the value, which belongs to the reference key.
   */
  referenceValue: string;
}
/**
 * Contains all safety-related information.
 */
export interface SafetyState {
  eStop: EStop;
  /**
   * Protective field violation. True: field is violated. False: field is not violated.
   */
  fieldViolation: boolean;
}
