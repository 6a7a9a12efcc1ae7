import type { Action, Load } from '../protocol';
import type { Pose } from './drive-segment';
import {
  DEFAULT_ACTION_DURATIONS_S,
  DEFAULT_DROP_ACTIONS,
  DEFAULT_OTHER_ACTION_S,
  DEFAULT_PICK_ACTIONS,
  VehicleConfig,
} from './vehicle-config';

/** What finishing an action changes on the vehicle, by action type and the vehicle's configuration. */
export type ActionEffect = 'load' | 'unload' | 'startCharging' | 'stopCharging' | 'initPosition' | 'none';

export function effectOf(actionType: string, config: VehicleConfig): ActionEffect {
  if ((config.pickActions ?? DEFAULT_PICK_ACTIONS).includes(actionType)) return 'load';
  if ((config.dropActions ?? DEFAULT_DROP_ACTIONS).includes(actionType)) return 'unload';
  if (actionType === 'startCharging' || actionType === 'stopCharging' || actionType === 'initPosition') return actionType;
  return 'none';
}

/** `durationS` parameter, else the vehicle's configured time for the type, else the simulator's default. */
export function durationSOf(action: Action, config: VehicleConfig): number {
  return (
    durationOverrideS(action) ??
    config.actionDurationsS?.[action.actionType] ??
    DEFAULT_ACTION_DURATIONS_S[action.actionType] ??
    DEFAULT_OTHER_ACTION_S
  );
}

/** The load a pick puts on the tray, identified by its optional loadId/loadType parameters. */
export function loadOf(action: Action): Load {
  const load: Load = { loadPosition: 'tray' };
  const loadId = stringParameter(action, 'loadId');
  const loadType = stringParameter(action, 'loadType');
  if (loadId) load.loadId = loadId;
  if (loadType) load.loadType = loadType;
  return load;
}

export function parameter(action: Action, key: string): unknown {
  return action.actionParameters?.find((entry) => entry.key === key)?.value;
}

/** The simulator's `durationS` extension, when present and sensible. */
export function durationOverrideS(action: Action): number | undefined {
  const value = parameter(action, 'durationS');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function stringParameter(action: Action, key: string): string | undefined {
  const value = parameter(action, key);
  return typeof value === 'string' ? value : undefined;
}

export interface InitPosition {
  readonly pose: Pose;
  readonly lastNodeId: string;
}

/** initPosition's five parameters (§6.8.1), or the keys that are missing or of the wrong type. */
export function initPositionOf(action: Action): InitPosition | { readonly badKeys: string[] } {
  const numbers = ['x', 'y', 'theta'].map((key) => [key, parameter(action, key)] as const);
  const strings = ['mapId', 'lastNodeId'].map((key) => [key, parameter(action, key)] as const);
  const badKeys = [
    ...numbers.filter(([, value]) => typeof value !== 'number' || !Number.isFinite(value)).map(([key]) => key),
    ...strings.filter(([, value]) => typeof value !== 'string').map(([key]) => key),
  ];
  if (badKeys.length > 0) return { badKeys };
  const [x, y, theta] = numbers.map(([, value]) => value as number);
  const [mapId, lastNodeId] = strings.map(([, value]) => value as string);
  return { pose: { x, y, theta, mapId }, lastNodeId };
}
