import type { SimClock, SimTimerHandle } from '../clock/sim-clock';
import { Battery } from './battery';
import type { BatteryRates } from './vehicle-config';

/** What the vehicle is doing, as far as the battery cares. */
export interface PowerUse {
  readonly charging: boolean;
  /** m/s while driving, 0 otherwise. */
  readonly drivingSpeed: number;
  readonly working: boolean;
}

/**
 * Battery plus the one timer that matters for it: when it will run empty, or, once empty and charging, when it will
 * be back above the recovery threshold. Re-rated after every change of what the vehicle does.
 */
export class PowerMonitor {
  private readonly battery: Battery;
  private timer: SimTimerHandle | undefined;
  private emptyFlag = false;

  constructor(
    private readonly clock: SimClock,
    private readonly rates: BatteryRates,
    initialPercent: number,
    private readonly onEmpty: () => void,
    private readonly onRecovered: () => void,
  ) {
    this.battery = new Battery(initialPercent, clock.now());
  }

  get depleted(): boolean {
    return this.emptyFlag;
  }

  charge(): number {
    return this.battery.charge(this.clock.now());
  }

  /** Metres it could still drive on the current charge. */
  reach(): number {
    return Math.floor(this.charge() / this.rates.drivePerMetre);
  }

  update(use: PowerUse): void {
    const rate = this.rateFor(use);
    // Same rate, same prediction: keep the armed timer instead of piling cancelled ones into the clock's heap.
    if (rate === this.battery.rate && this.timer) return;
    const now = this.clock.now();
    this.battery.setRate(now, rate);
    this.timer?.cancel();
    this.timer = undefined;
    if (this.emptyFlag && rate > 0) {
      const ms = (Math.max(0, this.rates.recoverAbove - this.battery.charge(now)) / rate) * 1000;
      this.timer = this.clock.setTimer(ms, () => this.fire(false));
    } else if (!this.emptyFlag) {
      const ms = this.battery.msUntilEmpty(now);
      if (ms !== undefined) this.timer = this.clock.setTimer(ms, () => this.fire(true));
    }
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private fire(empty: boolean): void {
    this.timer = undefined;
    this.emptyFlag = empty;
    if (empty) this.onEmpty();
    else this.onRecovered();
  }

  private rateFor(use: PowerUse): number {
    if (use.charging) return this.rates.chargePerSecond;
    const working = use.working ? this.rates.workPerSecond : 0;
    return -(this.rates.idlePerSecond + this.rates.drivePerMetre * use.drivingSpeed + working);
  }
}
