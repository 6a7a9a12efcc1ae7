/* eslint-disable */
/**
 * VDA 5050 2.1 message types, generated from src/schemas/v2.1/factsheet.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * simplified description of AGV kinematics-type.
 */
export type AgvKinematic = 'DIFF' | 'OMNI' | 'THREEWHEEL';
/**
 * Simplified description of AGV class.
 */
export type AgvClass = 'FORKLIFT' | 'CONVEYOR' | 'TUGGER' | 'CARRIER';
export type LocalizationType = 'NATURAL' | 'REFLECTOR' | 'RFID' | 'DMC' | 'SPOT' | 'GRID';
export type NavigationType = 'PHYSICAL_LINE_GUIDED' | 'VIRTUAL_LINE_GUIDED' | 'AUTONOMOUS';
/**
 * type of support for the optional parameter, the following values are possible: SUPPORTED: optional parameter is supported like specified. REQUIRED: optional parameter is required for proper AGV-operation.
 */
export type Support = 'SUPPORTED' | 'REQUIRED';
export type ActionScope = 'INSTANT' | 'NODE' | 'EDGE';
/**
 * data type of Value, possible data types are: BOOL, NUMBER, INTEGER, FLOAT, STRING, OBJECT, ARRAY
 */
export type ValueDataType = 'BOOL' | 'NUMBER' | 'INTEGER' | 'FLOAT' | 'STRING' | 'OBJECT' | 'ARRAY';
export type BlockingType = 'NONE' | 'SOFT' | 'HARD';
/**
 * wheel type. DRIVE, CASTER, FIXED, MECANUM
 */
export type Type = 'DRIVE' | 'CASTER' | 'FIXED' | 'MECANUM';

/**
 * The factsheet provides basic information about a specific AGV type series. This information allows comparison of different AGV types and can be applied for the planning, dimensioning and simulation of an AGV system. The factsheet also includes information about AGV communication interfaces which are required for the integration of an AGV type series into a VD[M]A-5050-compliant master control.
 */
export interface Factsheet {
  /**
   * header ID of the message. The headerId is defined per topic and incremented by 1 with each sent (but not necessarily received) message.
   */
  headerId?: number;
  /**
   * Timestamp in ISO8601 format (YYYY-MM-DDTHH:mm:ss.ffZ).
   */
  timestamp?: string;
  /**
   * Version of the VD[M]A-5050 protocol [Major].[Minor].[Patch] (e.g. 1.3.2)
   */
  version: string;
  /**
   * Manufacturer of the AGV
   */
  manufacturer: string;
  /**
   * Serial number of the AGV
   */
  serialNumber: string;
  typeSpecification: TypeSpecification;
  physicalParameters: PhysicalParameters;
  protocolLimits: ProtocolLimits;
  protocolFeatures: ProtocolFeatures;
  agvGeometry: AgvGeometry;
  loadSpecification: LoadSpecification;
  vehicleConfig?: VehicleConfig;
}
/**
 * These parameters generally specify the class and the capabilities of the AGV
 */
export interface TypeSpecification {
  /**
   * Free text generalized series name as specified by manufacturer
   */
  seriesName: string;
  /**
   * Free text human readable description of the AGV type series
   */
  seriesDescription?: string;
  agvKinematic: AgvKinematic;
  agvClass: AgvClass;
  /**
   * maximum loadable mass
   */
  maxLoadMass: number;
  /**
   * simplified description of localization type
   */
  localizationTypes: LocalizationType[];
  /**
   * List of path planning types supported by the AGV, sorted by priority
   */
  navigationTypes: NavigationType[];
}
/**
 * These parameters specify the basic physical properties of the AGV
 */
export interface PhysicalParameters {
  /**
   * minimal controlled continuous speed of the AGV
   */
  speedMin: number;
  /**
   * maximum speed of the AGV
   */
  speedMax: number;
  /**
   * maximum acceleration with maximum load
   */
  accelerationMax: number;
  /**
   * maximum deceleration with maximum load
   */
  decelerationMax: number;
  /**
   * minimum height of AGV
   */
  heightMin?: number;
  /**
   * maximum height of AGV
   */
  heightMax: number;
  /**
   * width of AGV
   */
  width: number;
  /**
   * length of AGV
   */
  length: number;
}
/**
 * This JSON-object describes the protocol limitations of the AGV. If a parameter is not defined or set to zero then there is no explicit limit for this parameter.
 */
export interface ProtocolLimits {
  maxStringLens: MaxStringLens;
  maxArrayLens: MaxArrayLens;
  timing: Timing;
}
/**
 * maximum lengths of strings
 */
export interface MaxStringLens {
  /**
   * maximum MQTT Message length
   */
  msgLen?: number;
  /**
   * maximum length of serial-number part in MQTT-topics. Affected Parameters: order.serialNumber, instantActions.serialNumber, state.SerialNumber, visualization.serialNumber, connection.serialNumber
   */
  topicSerialLen?: number;
  /**
   * maximum length of all other parts in MQTT-topics. Affected parameters: order.timestamp, order.version, order.manufacturer, instantActions.timestamp, instantActions.version, instantActions.manufacturer, state.timestamp, state.version, state.manufacturer, visualization.timestamp, visualization.version, visualization.manufacturer, connection.timestamp, connection.version, connection.manufacturer
   */
  topicElemLen?: number;
  /**
   * maximum length of ID-Strings. Affected parameters: order.orderId, order.zoneSetId, node.nodeId, nodePosition.mapId, action.actionId, edge.edgeId, edge.startNodeId, edge.endNodeId
   */
  idLen?: number;
  /**
   * If true ID-strings need to contain numerical values only
   */
  idNumericalOnly?: boolean;
  /**
   * maximum length of ENUM- and Key-Strings. Affected parameters: action.actionType, action.blockingType, edge.direction, actionParameter.key, state.operatingMode, load.loadPosition, load.loadType, actionState.actionStatus, error.errorType, error.errorLevel, errorReference.referenceKey, info.infoType, info.infoLevel, safetyState.eStop, connection.connectionState
   */
  enumLen?: number;
  /**
   * maximum length of loadId Strings
   */
  loadIdLen?: number;
}
/**
 * maximum lengths of arrays
 */
export interface MaxArrayLens {
  /**
   * maximum number of nodes per order processable by the AGV
   */
  'order.nodes'?: number;
  /**
   * maximum number of edges per order processable by the AGV
   */
  'order.edges'?: number;
  /**
   * maximum number of actions per node processable by the AGV
   */
  'node.actions'?: number;
  /**
   * maximum number of actions per edge processable by the AGV
   */
  'edge.actions'?: number;
  /**
   * maximum number of parameters per action processable by the AGV
   */
  'actions.actionsParameters'?: number;
  /**
   * maximum number of instant actions per message processable by the AGV
   */
  instantActions?: number;
  /**
   * maximum number of knots per trajectory processable by the AGV
   */
  'trajectory.knotVector'?: number;
  /**
   * maximum number of control points per trajectory processable by the AGV
   */
  'trajectory.controlPoints'?: number;
  /**
   * maximum number of nodeStates sent by the AGV, maximum number of nodes in base of AGV
   */
  'state.nodeStates'?: number;
  /**
   * maximum number of edgeStates sent by the AGV, maximum number of edges in base of AGV
   */
  'state.edgeStates'?: number;
  /**
   * maximum number of load-objects sent by the AGV
   */
  'state.loads'?: number;
  /**
   * maximum number of actionStates sent by the AGV
   */
  'state.actionStates'?: number;
  /**
   * maximum number of errors sent by the AGV in one state-message
   */
  'state.errors'?: number;
  /**
   * maximum number of information objects sent by the AGV in one state-message
   */
  'state.information'?: number;
  /**
   * maximum number of error references sent by the AGV for each error
   */
  'error.errorReferences'?: number;
  /**
   * maximum number of info references sent by the AGV for each information
   */
  'information.infoReferences'?: number;
}
/**
 * timing information
 */
export interface Timing {
  /**
   * minimum interval sending order messages to the AGV
   */
  minOrderInterval: number;
  /**
   * minimum interval for sending state-messages
   */
  minStateInterval: number;
  /**
   * default interval for sending state-messages if not defined, the default value from the main document is used
   */
  defaultStateInterval?: number;
  /**
   * default interval for sending messages on visualization topic
   */
  visualizationInterval?: number;
}
/**
 * Supported features of VDA5050 protocol
 */
export interface ProtocolFeatures {
  /**
   * list of supported and/or required optional parameters. Optional parameters, that are not listed here, are assumed to be not supported by the AGV.
   */
  optionalParameters: OptionalParameter[];
  /**
   * list of all actions with parameters supported by this AGV. This includes standard actions specified in VDA5050 and manufacturer-specific actions
   */
  agvActions: AgvAction[];
}
export interface OptionalParameter {
  /**
   * full name of optional parameter, e.g. “order.nodes.nodePosition.allowedDeviationTheta”
   */
  parameter: string;
  support: Support;
  /**
   * free text. Description of optional parameter. E.g. Reason, why the optional parameter ‚direction‘ is necessary for this AGV-type and which values it can contain. The parameter ‘nodeMarker’ must contain unsigned interger-numbers only. Nurbs-Support is limited to straight lines and circle segments.
   */
  description?: string;
}
export interface AgvAction {
  /**
   * unique actionType corresponding to action.actionType
   */
  actionType: string;
  /**
   * free text: description of the action
   */
  actionDescription?: string;
  /**
   * list of allowed scopes for using this action-type. INSTANT: usable as instantAction, NODE: usable on nodes, EDGE: usable on edges.
   */
  actionScopes: ActionScope[];
  /**
   * list of parameters. if not defined, the action has no parameters
   */
  actionParameters?: ActionParameter[];
  /**
   * free text: description of the resultDescription
   */
  resultDescription?: string;
  /**
   * Array of possible blocking types for defined action.
   */
  blockingTypes?: BlockingType[];
}
export interface ActionParameter {
  /**
   * key-String for Parameter
   */
  key: string;
  valueDataType: ValueDataType;
  /**
   * free text: description of the parameter
   */
  description?: string;
  /**
   * True: optional parameter
   */
  isOptional?: boolean;
}
/**
 * Detailed definition of AGV geometry
 */
export interface AgvGeometry {
  /**
   * list of wheels, containing wheel-arrangement and geometry
   */
  wheelDefinitions?: WheelDefinition[];
  envelopes2d?: Envelopes2DItem[];
  /**
   * list of AGV-envelope curves in 3D (german: „Hüllkurven“)
   */
  envelopes3d?: Envelopes3DItem[];
}
export interface WheelDefinition {
  type: Type;
  /**
   * True: wheel is actively driven (de: angetrieben)
   */
  isActiveDriven: boolean;
  /**
   * True: wheel is actively steered (de: aktiv gelenkt)
   */
  isActiveSteered: boolean;
  position: Position;
  /**
   * nominal diameter of wheel
   */
  diameter: number;
  /**
   * nominal width of wheel
   */
  width: number;
  /**
   * nominal displacement of the wheel’s center to the rotation point (necessary for caster wheels). If the parameter is not defined, it is assumed to be 0
   */
  centerDisplacement?: number;
  /**
   * free text: can be used by the manufacturer to define constraints
   */
  constraints?: string;
}
export interface Position {
  /**
   * [m] x-position in AGV-coordinate system
   */
  x: number;
  /**
   * y-position in AGV-coordinate system
   */
  y: number;
  /**
   * orientation of wheel in AGV-coordinate system Necessary for fixed wheels
   */
  theta?: number;
}
export interface Envelopes2DItem {
  /**
   * name of the envelope curve set
   */
  set: string;
  /**
   * envelope curve as a x/y-polygon polygon is assumed as closed and must be non-self-intersecting
   */
  polygonPoints: PolygonPoint[];
  /**
   * free text: description of envelope curve set
   */
  description?: string;
}
export interface PolygonPoint {
  /**
   * x-position of polygon-point
   */
  x: number;
  /**
   *  y-position of polygon-point
   */
  y: number;
}
export interface Envelopes3DItem {
  /**
   * name of the envelope curve set
   */
  set: string;
  /**
   * format of data e.g. DXF
   */
  format: string;
  data?: Data;
  /**
   * protocol and url-definition for downloading the 3D-envelope curve data e.g. ftp://xxx.yyy.com/ac4dgvhoif5tghji
   */
  url?: string;
  /**
   * free text: description of envelope curve set
   */
  description?: number;
}
/**
 * 3D-envelope curve data, format specified in ‚format‘
 */
export interface Data {}
/**
 * Abstract specification of load capabilities
 */
export interface LoadSpecification {
  /**
   * list of load positions / load handling devices. This lists contains the valid values for the parameter “state.loads[].loadPosition” and for the action parameter “lhd” of the actions pick and drop. If this list doesn’t exist or is empty, the AGV has no load handling device.
   */
  loadPositions?: string[];
  /**
   * list of load-sets that can be handled by the AGV
   */
  loadSets?: LoadSet[];
}
export interface LoadSet {
  /**
   * Unique name of the load set, e.g. DEFAULT, SET1, ...
   */
  setName: string;
  /**
   * type of load e.g. EPAL, XLT1200, ….
   */
  loadType: string;
  /**
   * list of load positions btw. load handling devices, this load-set is valid for. If this parameter does not exist or is empty, this load-set is valid for all load handling devices on this AGV.
   */
  loadPositions?: string[];
  boundingBoxReference?: BoundingBoxReference;
  loadDimensions?: LoadDimensions;
  /**
   * maximum weight of loadtype
   */
  maxWeight?: number;
  /**
   * minimum allowed height for handling of this load-type and –weight. References to boundingBoxReference
   */
  minLoadhandlingHeight?: number;
  /**
   * maximum allowed height for handling of this load-type and –weight. references to boundingBoxReference
   */
  maxLoadhandlingHeight?: number;
  /**
   * minimum allowed depth for this load-type and –weight. references to boundingBoxReference
   */
  minLoadhandlingDepth?: number;
  /**
   * maximum allowed depth for this load-type and –weight. references to boundingBoxReference
   */
  maxLoadhandlingDepth?: number;
  /**
   * minimum allowed tilt for this load-type and –weight
   */
  minLoadhandlingTilt?: number;
  /**
   * maximum allowed tilt for this load-type and –weight
   */
  maxLoadhandlingTilt?: number;
  /**
   * maximum allowed speed for this load-type and –weight
   */
  agvSpeedLimit?: number;
  /**
   * maximum allowed acceleration for this load-type and –weight
   */
  agvAccelerationLimit?: number;
  /**
   * maximum allowed deceleration for this load-type and –weight
   */
  agvDecelerationLimit?: number;
  /**
   * approx. time for picking up the load
   */
  pickTime?: number;
  /**
   * approx. time for dropping the load
   */
  dropTime?: number;
  /**
   * free text description of the load handling set
   */
  description?: string;
}
/**
 * bounding box reference as defined in parameter loads[] in state-message
 */
export interface BoundingBoxReference {
  /**
   * x-coordinate of the point of reference.
   */
  x: number;
  /**
   * y-coordinate of the point of reference.
   */
  y: number;
  /**
   * z-coordinate of the point of reference.
   */
  z: number;
  /**
   * Orientation of the loads bounding box. Important for tugger trains, etc.
   */
  theta?: number;
}
export interface LoadDimensions {
  /**
   * Absolute length of the load´s bounding box.
   */
  length: number;
  /**
   * Absolute width of the load´s bounding bo
   */
  width: number;
  /**
   * Absolute height of the load´s bounding box. Optional: Set value only if known.
   */
  height?: number;
}
export interface VehicleConfig {
  /**
   * Array containing various hardware and software versions running on the vehicle.
   */
  versions?: Version[];
  network?: Network;
}
export interface Version {
  /**
   * The key of the version.
   */
  key: string;
  /**
   * The value of the action parameter.
   */
  value: string;
}
export interface Network {
  /**
   * List of DNS servers used by the vehicle.
   */
  dnsServers?: string[];
  /**
   * A priori assigned IP address of the vehicle used to communicate with the MQTT broker. Note that this IP address should not be modified/changed during operations.
   */
  localIpAddress?: string;
  /**
   * List of NTP servers used by the vehicle.
   */
  ntpServers?: string[];
  /**
   * Network subnet mask.
   */
  netmask?: string;
  /**
   * Default gateway used by the vehicle.
   */
  defaultGateway?: string;
}
