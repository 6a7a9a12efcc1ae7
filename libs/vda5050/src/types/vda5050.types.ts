import type * as V2_0 from './v2-0.types';
import type * as V2_1 from './v2-1.types';

export type { V2_0, V2_1 };

/*
 * Version-neutral names. The product emits VDA 5050 2.0, so these are the 2.0 shapes; 2.1 messages that arrive are
 * typed as `V2_1.*` (see `VersionedMessage`). Keeping callers on these aliases lets a v3 codec slot in later.
 */

/** A VDA 5050 order: a graph of nodes and edges, sent by master control on the `order` topic. */
export type Order = V2_0.Order;
/** One node of an order graph (`Node` in the schema). */
export type OrderNode = V2_0.Node;
/** One edge of an order graph (`Edge` in the schema). */
export type OrderEdge = V2_0.Edge;
/** Position a node is placed at on a map. */
export type NodePosition = V2_0.NodePosition;
/** NURBS trajectory of an edge. */
export type Trajectory = V2_0.Trajectory;
/** An action on a node or edge, or an instant action. */
export type Action = V2_0.Action;
/** A key/value parameter of an action. */
export type ActionParameter = V2_0.ActionParameter;
/** How an action blocks driving and other actions: NONE, SOFT or HARD. */
export type BlockingType = V2_0.BlockingType;
/** The `instantActions` message. */
export type InstantActions = V2_0.InstantActions;
/** The vehicle's `state` message. */
export type State = V2_0.State;
/** A node of the current order the vehicle still has to traverse. */
export type NodeState = V2_0.NodeState;
/** An edge of the current order the vehicle still has to traverse. */
export type EdgeState = V2_0.EdgeState;
/** Status of one action as reported in `state.actionStates`. */
export type ActionState = V2_0.ActionState;
/** WAITING, INITIALIZING, RUNNING, PAUSED, FINISHED or FAILED. */
export type ActionStatus = V2_0.ActionStatus;
/** One entry of `state.errors` (`Error` in the schema, renamed so it does not shadow the JavaScript global). */
export type VdaError = V2_0.VdaError;
/** Reference (key/value) that locates the cause of an error, e.g. `orderId`. */
export type ErrorReference = V2_0.ErrorReference;
/** WARNING or FATAL. */
export type ErrorLevel = V2_0.ErrorLevel;
/** One entry of `state.information`. */
export type Info = V2_0.Info;
/** A load the vehicle carries. */
export type Load = V2_0.Load;
/** AUTOMATIC, SEMIAUTOMATIC, MANUAL, SERVICE or TEACHIN. */
export type OperatingMode = V2_0.OperatingMode;
/** E-stop and field-violation state. */
export type SafetyState = V2_0.SafetyState;
/** The vehicle's position on a map. */
export type AgvPosition = V2_0.AgvPosition;
/** The vehicle's velocity in its own coordinates. */
export type Velocity = V2_0.Velocity;
/** Charge, voltage and charging flag of the vehicle's battery. */
export type BatteryState = V2_0.BatteryState;
/** The `connection` message (retained; also the vehicle's last will). */
export type Connection = V2_0.Connection;
/** ONLINE, OFFLINE or CONNECTIONBROKEN. */
export type ConnectionState = V2_0.ConnectionState;
/** The vehicle's `factsheet` message. */
export type Factsheet = V2_0.Factsheet;
/** The `visualization` message (position and velocity at a higher rate than `state`). */
export type Visualization = V2_0.Visualization;
