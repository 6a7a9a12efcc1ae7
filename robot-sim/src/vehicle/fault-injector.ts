import { Random } from '../random/seeded-random';

export interface Finding {
  readonly infoType: string;
  readonly description?: string;
}

/** Faults a chaos test can turn on; probabilities are drawn from the vehicle's seeded random source. */
export interface FaultConfig {
  /** Chance that an otherwise acceptable order is rejected with an `orderError`. */
  readonly rejectOrderProbability?: number;
  /** Chance that a node or instant action ends FAILED instead of FINISHED. */
  readonly failActionProbability?: number;
  /** Chance that an action that ends well also reports a `fallDetected` finding (an `information` entry). */
  readonly findingProbability?: number;
  /** Expected connection drops per simulated hour (a Poisson process). */
  readonly connectionDropsPerHour?: number;
  /** How long a drawn connection drop lasts, in simulated ms (default 10 s)… */
  readonly connectionDropMs?: number;
  /** …or, when set, a span drawn evenly between `connectionDropMs` and this. */
  readonly connectionDropMaxMs?: number;
}

/**
 * Decides, deterministically from the seed, whether the next order is rejected, the next action fails or the link
 * drops. Explicit one-shot flags win over probabilities so a test can provoke one exact fault.
 */
export class FaultInjector {
  private rejectNext = false;
  private failNext = false;
  private finding: Finding | undefined;

  constructor(
    private readonly random: Random,
    private readonly config: FaultConfig = {},
  ) {}

  rejectNextOrder(): void {
    this.rejectNext = true;
  }

  failNextAction(): void {
    this.failNext = true;
  }

  /**
   * The next node action that ends well also reports a finding (a patrol robot seeing someone on the floor): an
   * `information` entry of `infoType` naming the node. The simulator sees nothing and records nothing; this flag is
   * how a test plays the part of what a real robot's sensors would report.
   */
  findAtNextAction(infoType = 'fallDetected', description?: string): void {
    this.finding = { infoType, ...(description ? { description } : {}) };
  }

  /** The pending finding, once. */
  takeFinding(): Finding | undefined {
    const finding = this.finding;
    this.finding = undefined;
    return finding ?? (this.draw(this.config.findingProbability) ? { infoType: 'fallDetected' } : undefined);
  }

  shouldRejectOrder(): boolean {
    if (this.rejectNext) {
      this.rejectNext = false;
      return true;
    }
    return this.draw(this.config.rejectOrderProbability);
  }

  shouldFailAction(): boolean {
    if (this.failNext) {
      this.failNext = false;
      return true;
    }
    return this.draw(this.config.failActionProbability);
  }

  /** Simulated ms until the next random connection drop, or undefined when drops are off. */
  nextConnectionDropInMs(): number | undefined {
    const perHour = this.config.connectionDropsPerHour ?? 0;
    if (perHour <= 0) return undefined;
    // Exponential inter-arrival times make the drops a Poisson process at the configured rate.
    return (-Math.log(1 - this.random()) / perHour) * 3_600_000;
  }

  get connectionDropMs(): number {
    return this.config.connectionDropMs ?? 10_000;
  }

  /** Simulated ms the next random connection drop lasts. */
  drawConnectionDropMs(): number {
    const min = this.connectionDropMs;
    const max = this.config.connectionDropMaxMs;
    return max === undefined || max <= min ? min : min + this.random() * (max - min);
  }

  private draw(probability: number | undefined): boolean {
    return probability !== undefined && probability > 0 && this.random() < probability;
  }
}
