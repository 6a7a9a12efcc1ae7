/** Injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const FACILITY = Symbol('FACILITY');
export const BROKER_INFO = Symbol('BROKER_INFO');

export interface BrokerInfo {
  readonly mode: 'embedded' | 'external';
  readonly url: string;
}
