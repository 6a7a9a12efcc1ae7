import type { FaultConfig } from './fault-injector';

/** Battery behaviour in percent of charge; all rates are per simulated second or metre. */
export interface BatteryRates {
  /** Drained per metre driven. */
  readonly drivePerMetre: number;
  /** Drained per second while an action is initializing or running. */
  readonly workPerSecond: number;
  /** Drained per second otherwise (electronics, sensors), except while charging. */
  readonly idlePerSecond: number;
  /** Gained per second while charging on a charger node. */
  readonly chargePerSecond: number;
  /** Once depleted, the FATAL error clears when charging brings the battery back above this. */
  readonly recoverAbove: number;
}

/**
 * Rough numbers for a small indoor service robot: ~18 %/h driving at 1 m/s, ~7 %/h working, ~2 %/h standing, and a
 * full charge in ~33 minutes, so an 8-hour shift needs one or two charging stops.
 */
export const DEFAULT_BATTERY_RATES: BatteryRates = {
  drivePerMetre: 0.005,
  workPerSecond: 0.002,
  idlePerSecond: 0.0005,
  chargePerSecond: 0.05,
  recoverAbove: 5,
};

/** Simulated seconds an action takes unless its `durationS` parameter says otherwise. */
export const DEFAULT_ACTION_DURATIONS_S: Readonly<Record<string, number>> = {
  pick: 15,
  drop: 15,
  deliverMedication: 60,
  measureVitals: 120,
  telepresence: 600,
  patrolCheck: 20,
  startCharging: 2,
  stopCharging: 1,
  initPosition: 0,
};
/** For an action type the table above does not know (vendor-specific actions). */
export const DEFAULT_OTHER_ACTION_S = 10;

/** Actions that put a load on the vehicle and take it off; others leave loads alone. */
export const DEFAULT_PICK_ACTIONS: readonly string[] = ['pick'];
export const DEFAULT_DROP_ACTIONS: readonly string[] = ['drop', 'deliverMedication'];

export interface StartPose {
  readonly x: number;
  readonly y: number;
  readonly theta?: number;
  readonly mapId: string;
}

/** One simulated robot: its identity, what it can do and how it starts. */
export interface VehicleConfig {
  readonly manufacturer: string;
  readonly serialNumber: string;
  /** Reported as the factsheet's `typeSpecification.seriesName`. */
  readonly model: string;
  /** Node action types it can perform beyond the protocol's own (pick, drop, measureVitals…). */
  readonly actions: readonly string[];
  /** m/s, also the factsheet's `speedMax`. */
  readonly speed: number;
  /** Initial charge in percent. */
  readonly battery: number;
  /** The node it stands on at start. */
  readonly startNodeId: string;
  /** Needed only when the facility does not hold `startNodeId`. */
  readonly startPose?: StartPose;
  readonly batteryRates?: Partial<BatteryRates>;
  readonly actionDurationsS?: Readonly<Record<string, number>>;
  readonly pickActions?: readonly string[];
  readonly dropActions?: readonly string[];
  readonly faults?: FaultConfig;
  /**
   * VDA 5050 has stopCharging "to send a new order", so by default a charging vehicle rejects orders with an
   * orderError. True: it accepts them and stops charging when it drives off.
   */
  readonly acceptOrdersWhileCharging?: boolean;
  /** PINs the vehicle's keypad knows, each to the staff id it reports when it ends a waitForTrigger (`staff:<id>`). */
  readonly staffPins?: Readonly<Record<string, string>>;
  /**
   * What one order may hold, as a vendor's vehicle declares it in its factsheet (`protocolLimits`) and refuses orders
   * over it with a validationError; none by default.
   */
  readonly limits?: VehicleLimits;
}

/** A vehicle's order limits (factsheet `maxArrayLens` `order.nodes`, `maxStringLens` `idLen`). */
export interface VehicleLimits {
  /** Nodes in one order. */
  readonly orderNodes?: number;
  /** Characters of an id: orderId, nodeId, mapId, actionId, edgeId and its node ids. */
  readonly idLength?: number;
}
