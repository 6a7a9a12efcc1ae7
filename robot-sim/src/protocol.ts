// The one place robot-sim takes VDA 5050 shapes from, so the simulator speaks exactly the lib's types.
import type { Factsheet, Headerless, State, Visualization } from '@opiekun/vda5050';

export type {
  Action,
  ActionParameter,
  ActionState,
  ActionStatus,
  AgvPosition,
  BlockingType,
  EdgeState,
  ErrorReference,
  Factsheet,
  InstantActions,
  Load,
  NodePosition,
  NodeState,
  Order,
  OrderEdge,
  OrderNode,
  State,
  VdaError,
  Velocity,
  Visualization,
} from '@opiekun/vda5050';

export type { Headerless } from '@opiekun/vda5050';

/** Messages without the header the transport stamps; the vehicle model never fills one in. */
export type VehicleState = Headerless<State>;
export type VehicleVisualization = Headerless<Visualization>;
export type VehicleFactsheet = Headerless<Factsheet>;
export type AgvAction = Factsheet['protocolFeatures']['agvActions'][number];
export type ActionScope = AgvAction['actionScopes'][number];
