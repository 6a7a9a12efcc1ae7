import { VehicleClient } from '@opiekun/vda5050';
import type { IClientOptions } from 'mqtt';
import type { SimClock } from '../clock/sim-clock';
import type { InstantActions, Order } from '../protocol';
import type { VirtualVehicle } from '../vehicle/virtual-vehicle';
import { OutageProxy } from './outage-proxy';
import { StateSchedule } from './state-schedule';

export interface VehicleLinkOptions {
  readonly brokerUrl: string;
  readonly clock: SimClock;
  readonly interfaceName?: string;
  /** Each vehicle logs in as `{manufacturer}/{serialNumber}` with this password; leave out to connect without a login. */
  readonly vehiclePassword?: string;
  /** Wall ms between visualization messages (position only); 0 turns them off. Default 1000. */
  readonly visualizationIntervalMs?: number;
  /** Sim ms after which state is published again even if nothing changed. Default 5000. */
  readonly stateHeartbeatMs?: number;
  /** Relay through an {@link OutageProxy} so `connectionDrop` cuts the link like a network failure would. */
  readonly injectableOutages?: boolean;
  readonly mqttOptions?: IClientOptions;
  readonly log?: (line: string) => void;
}

/**
 * Puts one {@link VirtualVehicle} on MQTT through the lib's VehicleClient (connection state, last will, validation,
 * header stamping are its job). Here: when to publish. State goes out at most once per sim tick when something
 * changed, at least every heartbeat of sim time (StateSchedule: the fleet's heartbeats spread over the period), and at
 * once on stateRequest or (re)connect.
 */
export class VehicleLink {
  private readonly offTick: () => void;
  private readonly visualizationTimer: NodeJS.Timeout | undefined;
  private readonly online: Promise<void>;
  private stateDirty = true;
  /** Requested publications, sent together by `flush` with the factsheet last (see `flush`). */
  private readonly pending = { state: false, factsheet: false, scheduled: false };
  private readonly schedule: StateSchedule;
  private quietErrors = false;
  private closed = false;

  private constructor(
    private readonly vehicle: VirtualVehicle,
    private readonly client: VehicleClient,
    private readonly proxy: OutageProxy | undefined,
    private readonly options: VehicleLinkOptions,
  ) {
    this.online = new Promise((resolve) => client.once('connect', resolve));
    this.schedule = new StateSchedule(options.stateHeartbeatMs ?? 5000, `${vehicle.manufacturer}/${vehicle.serialNumber}`);
    this.bindClient();
    this.bindVehicle();
    this.offTick = options.clock.onTick((now) => this.onTick(now));
    const every = options.visualizationIntervalMs ?? 1000;
    if (every > 0) this.visualizationTimer = setInterval(() => this.publishVisualization(), every);
  }

  static async open(vehicle: VirtualVehicle, options: VehicleLinkOptions): Promise<VehicleLink> {
    const outages = options.injectableOutages === true && OutageProxy.canRelay(options.brokerUrl);
    const proxy = outages ? await OutageProxy.open(options.brokerUrl) : undefined;
    const client = new VehicleClient({
      manufacturer: vehicle.manufacturer,
      serialNumber: vehicle.serialNumber,
      url: proxy?.url ?? options.brokerUrl,
      interfaceName: options.interfaceName,
      password: options.vehiclePassword,
      mqttOptions: options.mqttOptions,
      // Header timestamps are sim time, like everything else the vehicle reports.
      now: () => options.clock.now(),
    });
    return new VehicleLink(vehicle, client, proxy, options);
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Resolves once the vehicle is ONLINE for the first time. */
  whenOnline(): Promise<void> {
    return this.online;
  }

  /** Publishes OFFLINE and disconnects (§6.14 graceful shutdown). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.offTick();
    clearInterval(this.visualizationTimer);
    this.vehicle.removeListener('stateChanged', this.markDirty);
    this.vehicle.removeListener('stateRequested', this.requestState);
    this.vehicle.removeListener('factsheetRequested', this.requestFactsheet);
    this.vehicle.removeListener('connectionDrop', this.dropFor);
    await this.client.close();
    await this.proxy?.close();
  }

  private bindClient(): void {
    const { client, vehicle } = this;
    client.on('connect', () => {
      this.quietErrors = false;
      this.log('online');
      this.request('state');
      this.request('factsheet');
    });
    client.on('disconnect', () => {
      if (!this.closed) this.log('connection lost; reconnecting');
    });
    client.on('transportError', (error) => {
      // mqtt.js retries every second; one line per outage is enough.
      if (!this.quietErrors) this.log(`transport error: ${error.message}`);
      this.quietErrors = true;
    });
    // 2.1 orders and instant actions carry a superset of what the vehicle reads, so they are handled as 2.0.
    client.on('order', (inbound) => this.guard(() => vehicle.receiveOrder(inbound.message as unknown as Order)));
    client.on('instantActions', (inbound) =>
      this.guard(() => vehicle.receiveInstantActions(inbound.message as unknown as InstantActions)),
    );
    client.on('invalidOrder', (rejection) => this.guard(() => vehicle.receiveInvalidOrder(rejection.error, rejection.payload)));
    client.on('invalidInstantActions', (rejection) =>
      this.guard(() => vehicle.receiveInvalidInstantActions(rejection.error, rejection.payload)),
    );
  }

  private bindVehicle(): void {
    this.vehicle.on('stateChanged', this.markDirty);
    this.vehicle.on('stateRequested', this.requestState);
    this.vehicle.on('factsheetRequested', this.requestFactsheet);
    this.vehicle.on('connectionDrop', this.dropFor);
  }

  private onTick(now: number): void {
    if (!this.client.connected) return;
    if (this.schedule.due(now, this.stateDirty)) this.publishState();
  }

  private readonly markDirty = (): void => {
    this.stateDirty = true;
  };

  private readonly requestState = (): void => this.request('state');
  private readonly requestFactsheet = (): void => this.request('factsheet');

  private request(what: 'state' | 'factsheet'): void {
    this.pending[what] = true;
    if (this.pending.scheduled) return;
    this.pending.scheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Sends requested messages once the current message handling is done, the retained factsheet last: aedes 1.2
   * drops a retained (or QoS 1) message for live subscribers when a plain QoS 0 message from the same TCP read
   * overtakes it (moscajs/aedes#994), so nothing plain may follow it in one burst.
   */
  private flush(): void {
    const { state, factsheet } = this.pending;
    Object.assign(this.pending, { state: false, factsheet: false, scheduled: false });
    if (this.closed) return;
    if (state) this.publishState();
    if (factsheet) this.publishFactsheet();
  }

  private publishState(): void {
    if (!this.client.connected) return;
    this.stateDirty = false;
    this.schedule.published(this.options.clock.now());
    this.client.publishState(this.vehicle.state()).catch((error: Error) => this.log(`state not published: ${error.message}`));
  }

  private publishFactsheet(): void {
    if (!this.client.connected) return;
    this.client.publishFactsheet(this.vehicle.factsheet()).catch((error: Error) => this.log(`factsheet not published: ${error.message}`));
  }

  private publishVisualization(): void {
    if (!this.client.connected) return;
    this.client
      .publishVisualization(this.vehicle.visualization())
      .catch((error: Error) => this.log(`visualization not published: ${error.message}`));
  }

  /** Fault injection: the network fails for `durationMs` of sim time, then mqtt.js reconnects by itself. */
  private readonly dropFor = (durationMs: number): void => {
    if (!this.proxy) return this.log('connection drop requested, but the link was opened without injectable outages');
    this.log(`simulated connection drop for ${Math.round(durationMs / 1000)} s (sim time)`);
    this.proxy.cut();
    this.options.clock.setTimer(durationMs, () => this.proxy?.restore());
  };

  /** Listeners run inside mqtt.js's receive path; a bug in the model must be logged, not kill the link. */
  private guard(handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.log(`message handling failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private log(line: string): void {
    this.options.log?.(`${this.vehicle.manufacturer}/${this.vehicle.serialNumber} ${line}`);
  }
}
