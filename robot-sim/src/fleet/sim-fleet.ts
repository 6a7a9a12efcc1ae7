import { SimClock } from '../clock/sim-clock';
import { ElevatorBank } from '../elevator/elevator-bank';
import type { SimFacility } from '../facility/sim-facility';
import { VehicleLink, VehicleLinkOptions } from '../mqtt/vehicle-link';
import { deriveSeed, seededRandom } from '../random/seeded-random';
import type { FaultConfig } from '../vehicle/fault-injector';
import type { VehicleConfig } from '../vehicle/vehicle-config';
import { VirtualVehicle } from '../vehicle/virtual-vehicle';

/** Connects every vehicle of the fleet to one broker. */
export type FleetMqttOptions = Omit<VehicleLinkOptions, 'clock' | 'log'>;

export interface SimFleetOptions {
  readonly robots: readonly VehicleConfig[];
  /** The building; without it elevator rides take 30 s, there is no queueing and every node counts as a charger. */
  readonly facility?: SimFacility;
  /** Defaults to a clock starting at the current wall time, stepped by hand until `start({ timeScale })`. */
  readonly clock?: SimClock;
  /** Seeds every vehicle's fault injection (one derived stream each); default 1. */
  readonly seed?: number;
  /** Faults for every robot that has none of its own (chaos tests). */
  readonly faults?: FaultConfig;
  /** Leave out to run in-process only (tests, benchmarks). */
  readonly mqtt?: FleetMqttOptions;
  readonly log?: (line: string) => void;
}

export interface FleetStartOptions {
  /** Drive the clock from wall time at this scale; leave out to keep stepping it by hand. */
  readonly timeScale?: number;
  readonly tickMs?: number;
}

/**
 * N virtual vehicles in one world: one clock, one elevator bank, one broker. Built from a scenario's robots or from
 * `generatedRobots`; the vehicles are exposed so tests and benchmarks can drive and inspect them directly.
 */
export class SimFleet {
  readonly clock: SimClock;
  readonly elevators: ElevatorBank;
  readonly vehicles: readonly VirtualVehicle[];
  private links: VehicleLink[] = [];

  constructor(private readonly options: SimFleetOptions) {
    this.clock = options.clock ?? new SimClock(Date.now());
    this.elevators = new ElevatorBank(options.facility);
    const seed = options.seed ?? 1;
    this.vehicles = options.robots.map(
      (config, index) =>
        new VirtualVehicle(config.faults || !options.faults ? config : { ...config, faults: options.faults }, {
          clock: this.clock,
          facility: options.facility,
          elevators: this.elevators,
          random: seededRandom(deriveSeed(seed, index)),
        }),
    );
  }

  /** Throws when no vehicle of the fleet has that serial number. */
  vehicle(serialNumber: string): VirtualVehicle {
    const found = this.vehicles.find((vehicle) => vehicle.serialNumber === serialNumber);
    if (!found) throw new Error(`no simulated vehicle with serial number ${serialNumber}`);
    return found;
  }

  /** Opens every vehicle's MQTT link (if configured) and starts the clock (if a time scale is given). */
  async start(startOptions: FleetStartOptions = {}): Promise<void> {
    const mqtt = this.options.mqtt;
    if (mqtt && this.links.length === 0) {
      // Random connection drops need the relay that can cut a link; ask for it whenever some robot may drop.
      const drops = this.vehicles.some((vehicle) => (vehicle.config.faults?.connectionDropsPerHour ?? 0) > 0);
      const injectableOutages = mqtt.injectableOutages ?? drops;
      const linkOptions: VehicleLinkOptions = { ...mqtt, injectableOutages, clock: this.clock, log: this.options.log };
      this.links = await Promise.all(this.vehicles.map((vehicle) => VehicleLink.open(vehicle, linkOptions)));
    }
    if (startOptions.timeScale !== undefined && !this.clock.running) {
      this.clock.start({ timeScale: startOptions.timeScale, tickMs: startOptions.tickMs });
    }
  }

  /** Resolves when every vehicle has announced itself ONLINE once. */
  async whenOnline(): Promise<void> {
    await Promise.all(this.links.map((link) => link.whenOnline()));
  }

  /** Stops the clock, sends OFFLINE and disconnects every vehicle, and releases the vehicles' timers. */
  async stop(): Promise<void> {
    this.clock.stop();
    const links = this.links;
    this.links = [];
    const closing = await Promise.allSettled(links.map((link) => link.close()));
    for (const vehicle of this.vehicles) vehicle.dispose();
    const failed = closing.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
