export type Fault =
  | { readonly kind: 'kill-api'; readonly at: number; readonly downMs: number }
  | { readonly kind: 'restart-broker'; readonly at: number; readonly downMs: number }
  | { readonly kind: 'garbage'; readonly at: number; readonly count: number }
  /** Cut these robots off the network, each for its own span of simulated seconds. */
  | { readonly kind: 'drop-robots'; readonly at: number; readonly drops: readonly { readonly serialNumber: string; readonly seconds: number }[] };

export interface FaultPlanInput {
  /** Simulated seconds of the shift. */
  readonly durationS: number;
  readonly apiKills: number;
  readonly brokerRestarts: number;
  readonly garbage: number;
  readonly random: () => number;
  /** The fleet's serial numbers, for the robot drops. */
  readonly robots?: readonly string[];
  readonly robotDrops?: number;
  /** Share of the fleet each drop takes off the network (at least one robot). */
  readonly dropShare?: number;
  readonly dropSpanS?: readonly [number, number];
}

/**
 * When the soak's fault injector strikes, in simulated seconds, drawn from the seed: api kills and broker restarts
 * at random moments between 5 % and 85 % of the shift (each down for a random spell of wall time), and the
 * malformed messages in bursts spread over the same span, and robot drops: each takes `dropShare` of the fleet, robots
 * drawn at random, off the network for spans drawn from `dropSpanS`. Refusals and failed actions come from the
 * simulator's own seeded faults.
 */
export function faultPlan(input: FaultPlanInput): Fault[] {
  const { durationS, apiKills, brokerRestarts, garbage, random } = input;
  const when = () => durationS * (0.05 + 0.8 * random());
  const faults: Fault[] = [];
  for (let i = 0; i < apiKills; i += 1) faults.push({ kind: 'kill-api', at: when(), downMs: 300 + Math.round(random() * 2_500) });
  for (let i = 0; i < brokerRestarts; i += 1) faults.push({ kind: 'restart-broker', at: when(), downMs: 1_000 + Math.round(random() * 3_000) });
  const bursts = Math.max(1, Math.min(20, Math.ceil(garbage / 100)));
  for (let i = 0; i < bursts && garbage > 0; i += 1) {
    const count = Math.floor(garbage / bursts) + (i < garbage % bursts ? 1 : 0);
    faults.push({ kind: 'garbage', at: when(), count });
  }
  const robots = input.robots ?? [];
  const [shortest, longest] = input.dropSpanS ?? [30, 900];
  for (let i = 0; i < (input.robotDrops ?? 0) && robots.length > 0; i += 1) {
    const count = Math.max(1, Math.round(robots.length * (input.dropShare ?? 0.1)));
    const pool = [...robots];
    const drops = [];
    while (drops.length < count && pool.length > 0) {
      const [serialNumber] = pool.splice(Math.floor(random() * pool.length), 1);
      drops.push({ serialNumber, seconds: Math.round(shortest + random() * (longest - shortest)) });
    }
    faults.push({ kind: 'drop-robots', at: when(), drops });
  }
  return faults.sort((a, b) => a.at - b.at);
}
