/**
 * The VDA 5050 2.0 message types, one name per concept. Generated names come from
 * scripts/gen-vda5050-types.js; `VdaError` and `AgvMap` are renamed there so they do not shadow `Error` and `Map`.
 */
export type { Connection, ConnectionState } from './v2-0/connection.generated';
export type {
  ActionScope,
  AgvAction,
  AgvClass,
  AgvGeometry,
  AgvKinematic,
  Factsheet,
  LocalizationParameters, LoadSet,
  LoadSpecification,
  OptionalParameter,
  PhysicalParameters,
  ProtocolFeatures,
  ProtocolLimits,
  TypeSpecification,
  ValueDataType,
  WheelDefinition,
} from './v2-0/factsheet.generated';
export type { InstantActions } from './v2-0/instant-actions.generated';
export type {
  Action,
  ActionParameter,
  BlockingType,
  ControlPoint,
  Edge,
  Node,
  NodePosition,
  OrientationType, Order,
  Trajectory,
} from './v2-0/order.generated';
export type {
  ActionState,
  ActionStatus,
  BatteryState,
  EdgeState,
  ErrorLevel,
  ErrorReference,
  EStop,
  Info,
  InfoLevel,
  InfoReference,
  Load,
  NodeState,
  OperatingMode,
  SafetyState,
  State,
  VdaError,
} from './v2-0/state.generated';
export type { AgvPosition, Velocity, Visualization } from './v2-0/visualization.generated';
