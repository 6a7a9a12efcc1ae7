/* eslint-disable */
/**
 * VDA 5050 2.0 message types, generated from src/schemas/v2.0/order.schema.json
 * by scripts/gen-vda5050-types.js (json-schema-to-typescript). Do not edit by hand: change the generator.
 */

/**
 * Regulates if the action is allowed to be executed during movement and/or parallel to other actions. NONE: action can happen in parallel with others, including movement. SOFT: action can happen simultaneously with others, but not while moving. HARD: no other actions can be performed while this action is running.
 */
export type BlockingType = 'NONE' | 'SOFT' | 'HARD';
/**
 * GLOBAL: relative to the global project specific map coordinate system; TANGENTIAL: tangential to the edge. If not defined, the default value is TANGENTIAL.
 */
export type OrientationType = 'GLOBAL' | 'TANGENTIAL';

/**
 * The message schema to communicate orders from master control to the AGV.
 */
export interface Order {
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
   * Order identification. This is to be used to identify multiple order messages that belong to the same order.
   */
  orderId: string;
  /**
   * orderUpdate identification. Is unique per orderId. If an order update is rejected, this field is to be passed in the rejection message.
   */
  orderUpdateId: number;
  /**
   * Unique identifier of the zone set that the AGV has to use for navigation or that was used by MC for planning. Optional: Some MC systems do not use zones. Some AGVs do not understand zones. Do not add to message if no zones are used.
   */
  zoneSetId?: string;
  /**
   * Array of nodes objects to be traversed for fulfilling the order. One node is enough for a valid order. Leave edge list empty for that case.
   */
  nodes: Node[];
  /**
   * Base and Horizon Edges of the Order Graph.
   */
  edges: Edge[];
}
export interface Node {
  /**
   * Unique node identification
   */
  nodeId: string;
  /**
   * Number to track the sequence of nodes and edges in an order and to simplify order updates. The main purpose is to distinguish between a node which is passed more than once within one orderId. The variable sequenceId runs across all nodes and edges of the same order and is reset when a new orderId is issued.
   */
  sequenceId: number;
  /**
   * Additional information on the node.
   */
  nodeDescription?: string;
  /**
   * True indicates that the node is part of the base. False indicates that the node is part of the horizon.
   */
  released: boolean;
  nodePosition?: NodePosition;
  /**
   * Array of actions to be executed on a node. Empty array, if no actions required.
   */
  actions: Action[];
}
/**
 * Defines the position on a map in a global project specific world coordinate system. Each floor has its own map. All maps must use the same project specific global origin.
 */
export interface NodePosition {
  /**
   * X-position on the map in reference to the map coordinate system. Precision is up to the specific implementation.
   */
  x: number;
  /**
   * Y-position on the map in reference to the map coordinate system. Precision is up to the specific implementation.
   */
  y: number;
  /**
   * Absolute orientation of the AGV on the node. Optional: vehicle can plan the path by itself. If defined, the AGV has to assume the theta angle on this node. If previous edge disallows rotation, the AGV must rotate on the node. If following edge has a differing orientation defined but disallows rotation, the AGV is to rotate on the node to the edges desired rotation before entering the edge.
   */
  theta?: number;
  /**
   * Indicates how exact an AGV has to drive over a node in order for it to count as traversed. If = 0: no deviation is allowed (no deviation means within the normal tolerance of the AGV manufacturer). If > 0: allowed deviation-radius in meters. If the AGV passes a node within the deviation-radius, the node is considered to have been traversed.
   */
  allowedDeviationXY?: number;
  /**
   * Indicates how big the deviation of theta angle can be.  The lowest acceptable angle is theta - allowedDeviationTheta and the highest acceptable angle is theta + allowedDeviationTheta.
   */
  allowedDeviationTheta?: number;
  /**
   * Unique identification of the map in which the position is referenced. Each map has the same origin of coordinates. When an AGV uses an elevator, e. g. leading from a departure floor to a target floor, it will disappear off the map of the departure floor and spawn in the related lift node on the map of the target floor.
   */
  mapId: string;
  /**
   * Additional information on the map.
   */
  mapDescription?: string;
}
/**
 * Describes an action that the AGV must perform.
 */
export interface Action {
  /**
   * Name of action as described in the first column of “Actions and Parameters”. Identifies the function of the action.
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
export interface Edge {
  /**
   * Unique edge identification
   */
  edgeId: string;
  /**
   * Id to track the sequence of nodes and edges in an order and to simplify order updates. The variable sequenceId runs across all nodes and edges of the same order and is reset when a new orderId is issued.
   */
  sequenceId: number;
  /**
   * Verbose description of the edge.
   */
  edgeDescription?: string;
  /**
   * If true, the edge is part of the base plan. If false, the edge is part of the horizon plan.
   */
  released: boolean;
  /**
   * The nodeId of the start node.
   */
  startNodeId: string;
  /**
   * The nodeId of the end node.
   */
  endNodeId: string;
  /**
   * Permitted maximum speed of the agv on the edge in m/s. Speed is defined by the fastest point of the vehicle.
   */
  maxSpeed?: number;
  /**
   * Permitted maximum height of the vehicle, including the load, on edge. In meters.
   */
  maxHeight?: number;
  /**
   * Permitted minimal height of the edge measured at the bottom of the load. In meters.
   */
  minHeight?: number;
  /**
   * Orientation of the AGV on the edge, tangential to the edge (0.0 = forwards, PI = backwards) (for holonomic vehicles with more than one driving direction). Example: orientation Pi/2 rad will lead to a rotation of 90 degrees. If AGV starts in different orientation, rotate the vehicle on the edge to the desired orientation if rotationAllowed is set to “true”. If rotationAllowed is “false”, rotate before entering the edge. If that is not possible, reject the order. If no trajectory is defined, apply the rotation to the direct path between the two connecting nodes of the edge. If a trajectory is defined for the edge, apply the orientation tangentially to the trajectory.
   */
  orientation?: number;
  orientationType?: OrientationType;
  /**
   * Sets direction at junctions for line-guided vehicles, to be defined initially (vehicle-individual). Can be descriptive (left, right, middle) or a frequency.
   */
  direction?: string;
  /**
   * True: rotation is allowed on the edge. False: rotation is not allowed on the edge. Optional: No limit, if not set.
   */
  rotationAllowed?: boolean;
  /**
   * Maximum rotation speed. Optional: No limit, if not set.
   */
  maxRotationSpeed?: number;
  /**
   * Length of the path from startNode to endNode. Optional: This value is used by line-guided AGVs to decrease their speed before reaching a stop position.
   */
  length?: number;
  trajectory?: Trajectory;
  /**
   * Array of action objects with detailed information.
   */
  actions: Action[];
}
/**
 * Trajectory JSON-object for this edge as a NURBS. Defines the curve, on which the AGV should move between startNode and endNode. Optional: Can be omitted, if AGV cannot process trajectories or if AGV plans its own trajectory.
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
   * List of JSON controlPoint objects defining the control points of the NURBS. This includes the start and end point.
   */
  controlPoints: ControlPoint[];
}
export interface ControlPoint {
  /**
   * X coordinate described in the world coordinate system.
   */
  x: number;
  /**
   * Y coordinate described in the world coordinate system.
   */
  y: number;
  /**
   * The weight, with which this control point pulls on the curve. When not defined, the default will be 1.0.
   */
  weight?: number;
}
