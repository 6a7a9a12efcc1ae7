// `@opiekun/robot-sim`: virtual VDA 5050 v2.0 vehicles on a simulated clock, in-process or over MQTT.
export { SimClock, type RealTimeOptions, type SimTimerHandle, type TickListener } from './clock/sim-clock';
export { seededRandom, deriveSeed, type Random } from './random/seeded-random';

export { loadFacility, parseFacility } from './facility/facility.loader';
export { chargerNodeIds, CHARGER_NODE_KIND, type ElevatorSpec, type SimFacility, type SimNode } from './facility/sim-facility';
export { SimInputError } from './input/json-reader';

export { ElevatorBank, FALLBACK_RIDE_SECONDS } from './elevator/elevator-bank';

export { VirtualVehicle } from './vehicle/virtual-vehicle';
export type { VehicleEvents, VehicleWorld } from './vehicle/vehicle-world';
export {
  DEFAULT_ACTION_DURATIONS_S,
  DEFAULT_BATTERY_RATES,
  DEFAULT_DROP_ACTIONS,
  DEFAULT_OTHER_ACTION_S,
  DEFAULT_PICK_ACTIONS,
  type BatteryRates,
  type StartPose,
  type VehicleConfig,
} from './vehicle/vehicle-config';
export { FaultInjector, type FaultConfig } from './vehicle/fault-injector';
export { ErrorType, type SimErrorType } from './vehicle/vehicle-errors';
export { PROTOCOL_ACTIONS, vehicleActions } from './vehicle/action-catalog';
export type { VehicleFactsheet, VehicleState, VehicleVisualization } from './protocol';

export { SimFleet, type FleetMqttOptions, type FleetStartOptions, type SimFleetOptions } from './fleet/sim-fleet';
export { composeFleet, generatedRobots, loadScenarioRobots, parseScenarioRobots, GENERATED_KINDS, GENERATED_MANUFACTURER } from './fleet/fleet-spec.loader';
export { VehicleLink, type VehicleLinkOptions } from './mqtt/vehicle-link';
