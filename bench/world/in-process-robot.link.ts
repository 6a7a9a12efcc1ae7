import { RobotLink, type InstantCommand, type Mission } from '@opiekun/application';
import type { SimClock, VirtualVehicle } from '@opiekun/robot-sim';
import { commandToInstantActions, missionToOrder } from '../../apps/api/src/fleet/order.mapper';

/**
 * The api's outbound link without MQTT: a mission becomes the same VDA 5050 order the api publishes (the api's own
 * mapper), handed straight to the simulated vehicle. The vehicle answers through its state (see StateRelay).
 */
export class InProcessRobotLink extends RobotLink {
  private headerId = 0;
  private actionSeq = 0;
  ordersSent = 0;
  instantsSent = 0;

  constructor(
    private readonly vehicles: ReadonlyMap<string, VirtualVehicle>,
    private readonly clock: SimClock,
  ) {
    super();
  }

  async sendMission(mission: Mission): Promise<void> {
    const vehicle = this.vehicle(mission.robotId);
    this.ordersSent += 1;
    vehicle.receiveOrder({ ...this.header(vehicle), ...missionToOrder(mission) });
  }

  async sendInstant(robotId: string, command: InstantCommand): Promise<void> {
    const vehicle = this.vehicle(robotId);
    this.instantsSent += 1;
    vehicle.receiveInstantActions(commandToInstantActions(command, `bench-${++this.actionSeq}`));
  }

  private vehicle(robotId: string): VirtualVehicle {
    const vehicle = this.vehicles.get(robotId);
    if (!vehicle) throw new Error(`no simulated vehicle ${robotId}`);
    return vehicle;
  }

  private header(vehicle: VirtualVehicle) {
    return {
      headerId: ++this.headerId,
      timestamp: new Date(this.clock.now()).toISOString(),
      version: '2.0.0',
      manufacturer: vehicle.manufacturer,
      serialNumber: vehicle.serialNumber,
    };
  }
}
