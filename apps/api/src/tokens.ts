/** Injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const FACILITY = Symbol('FACILITY');
export const BROKER_INFO = Symbol('BROKER_INFO');
/** Where dispatch rounds are planned: WorkerDispatchPlanner (a worker thread) or InlineDispatchPlanner. */
export const DISPATCH_PLANNER = Symbol('DISPATCH_PLANNER');

export interface BrokerInfo {
  readonly mode: 'embedded' | 'external';
  readonly url: string;
  /** The api's own MQTT login (master control); none: it connects anonymously (an external broker without logins). */
  readonly login?: { readonly username: string; readonly password: string };
  /** Authorities the api's client trusts: Node's defaults and MQTT_CA_FILE's, for an external `mqtts://` broker. */
  readonly ca?: readonly string[];
  /** What the embedded broker refused so far, by kind; only in embedded mode. */
  readonly refusedCounts?: () => Record<'connect' | 'publish' | 'subscribe', number>;
  /**
   * Embedded only: whether a vehicle has a connection to the broker now (undefined: unknown, access control off). A last
   * will fired while it has one is an old connection's (FleetIngress).
   */
  readonly vehicleConnected?: (manufacturer: string, serialNumber: string) => boolean | undefined;
}
