/** Injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const FACILITY = Symbol('FACILITY');
export const BROKER_INFO = Symbol('BROKER_INFO');
/** Where dispatch rounds are planned: WorkerDispatchPlanner (a worker thread) or InlineDispatchPlanner. */
export const DISPATCH_PLANNER = Symbol('DISPATCH_PLANNER');

export interface BrokerInfo {
  readonly mode: 'embedded' | 'external';
  readonly url: string;
}
