import type { FleetService, RobotReport } from '@opiekun/application';
import { robotId, type Facility } from '@opiekun/domain';
import type { SimClock, VirtualVehicle } from '@opiekun/robot-sim';
import type { State } from '@opiekun/vda5050';
import { stateToReport } from '../../apps/api/src/fleet/order.mapper';

/** What the benchmark learns of one robot from its own reports. */
export interface RobotOdometry {
  readonly robotId: string;
  distanceM: number;
  chargingStops: number;
  minBattery: number;
  /** times the battery ran flat (FATAL batteryLow) */
  depletions: number;
  /** seconds spent queueing for an elevator cabin */
  elevatorWaitS: number;
}

/**
 * Vehicle state → FleetService, as the MQTT link would carry it: a vehicle's state is relayed once per instant in
 * which it changed (the simulator publishes at most once per tick) and at least every `heartbeatMs`, through the
 * api's own `stateToReport`. Also keeps odometry, charging stops and the lowest battery of every robot.
 */
export class StateRelay {
  private readonly dirty = new Set<VirtualVehicle>();
  private readonly lastSentAt = new Map<VirtualVehicle, number>();
  private readonly lastNode = new Map<VirtualVehicle, string>();
  private readonly wasCharging = new Map<VirtualVehicle, boolean>();
  private readonly wasFlat = new Map<VirtualVehicle, boolean>();
  readonly odometry = new Map<string, RobotOdometry>();
  reports = 0;

  constructor(
    private readonly vehicles: readonly VirtualVehicle[],
    private readonly fleet: FleetService,
    private readonly clock: SimClock,
    private readonly facility: Facility,
    heartbeatMs: number,
  ) {
    for (const vehicle of vehicles) {
      const id = robotId(vehicle.manufacturer, vehicle.serialNumber);
      this.odometry.set(id, { robotId: id, distanceM: 0, chargingStops: 0, minBattery: 100, depletions: 0, elevatorWaitS: 0 });
      vehicle.on('stateChanged', () => this.dirty.add(vehicle));
      vehicle.on('stateRequested', () => this.dirty.add(vehicle));
    }
    if (heartbeatMs > 0) this.heartbeat(heartbeatMs);
  }

  markAll(): void {
    for (const vehicle of this.vehicles) this.dirty.add(vehicle);
  }

  get pending(): number {
    return this.dirty.size;
  }

  /** Relays every changed state; resolves once the fleet service has taken them all. Returns how many. */
  async flush(): Promise<number> {
    if (this.dirty.size === 0) return 0;
    const batch = [...this.dirty];
    this.dirty.clear();
    const now = this.clock.now();
    await Promise.all(batch.map((vehicle) => this.relay(vehicle, now)));
    return batch.length;
  }

  private async relay(vehicle: VirtualVehicle, now: number): Promise<void> {
    this.lastSentAt.set(vehicle, now);
    const id = robotId(vehicle.manufacturer, vehicle.serialNumber);
    const state = {
      headerId: this.reports,
      timestamp: new Date(now).toISOString(),
      version: '2.0.0',
      manufacturer: vehicle.manufacturer,
      serialNumber: vehicle.serialNumber,
      ...vehicle.state(),
    } as State;
    const report = stateToReport(id, state, now);
    this.observe(vehicle, this.odometry.get(id)!, report);
    this.reports += 1;
    await this.fleet.onState(vehicle.manufacturer, vehicle.serialNumber, report);
  }

  private observe(vehicle: VirtualVehicle, odometry: RobotOdometry, report: RobotReport): void {
    const before = this.lastNode.get(vehicle);
    const at = report.lastNodeId;
    if (at && before && at !== before && this.facility.hasNode(at) && this.facility.hasNode(before)) {
      const [a, b] = [this.facility.node(before), this.facility.node(at)];
      // a change of floor is an elevator ride: nothing driven
      if (a.floor === b.floor) odometry.distanceM += this.facility.distanceBetween(before, at);
    }
    if (at) this.lastNode.set(vehicle, at);
    if (report.charging && !this.wasCharging.get(vehicle)) odometry.chargingStops += 1;
    this.wasCharging.set(vehicle, report.charging ?? false);
    if (report.battery !== undefined) odometry.minBattery = Math.min(odometry.minBattery, report.battery);
    const flat = (report.errors ?? []).some((e) => e.type === 'batteryLow' && e.level === 'FATAL');
    if (flat && !this.wasFlat.get(vehicle)) odometry.depletions += 1;
    this.wasFlat.set(vehicle, flat);
    odometry.elevatorWaitS = vehicle.elevatorWaitMs / 1000;
  }

  /** Marks quiet vehicles dirty every `ms`, as the simulator's state heartbeat does. */
  private heartbeat(ms: number): void {
    this.clock.setTimer(ms, () => {
      const now = this.clock.now();
      for (const vehicle of this.vehicles) {
        if (now - (this.lastSentAt.get(vehicle) ?? 0) >= ms) this.dirty.add(vehicle);
      }
      this.heartbeat(ms);
    });
  }
}
