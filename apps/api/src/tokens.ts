/** Injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const FACILITY = Symbol('FACILITY');
export const BROKER_INFO = Symbol('BROKER_INFO');
/** The dispatch planner off the event loop (WorkerDispatchPlanner), or undefined: DispatchService plans inline. */
export const DISPATCH_PLANNER = Symbol('DISPATCH_PLANNER');

export interface BrokerInfo {
  readonly mode: 'embedded' | 'external';
  readonly url: string;
}
