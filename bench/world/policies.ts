import { AuctionPolicy, EarliestFinishPolicy, MinCostPolicy, NearestIdlePolicy, type DispatchPolicy } from '@opiekun/domain';

/** Every policy the benchmark can run, by name; each run gets a fresh instance (some keep queues). */
export const POLICIES: Readonly<Record<string, () => DispatchPolicy>> = {
  'min-cost': () => new MinCostPolicy(),
  'earliest-finish-v1': () => new EarliestFinishPolicy(),
  'nearest-idle': () => new NearestIdlePolicy(),
  auction: () => new AuctionPolicy(),
};

/** Always run, on the same scenario in the same process, so every figure has something to be compared with. */
export const BASELINES: readonly string[] = ['nearest-idle', 'auction'];

/** The api's policy: the one the targets are checked for. */
export const DEFAULT_POLICY = 'min-cost';
