import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, FleetService } from '@opiekun/application';
import { robotId, type Facility } from '@opiekun/domain';
import { BROKER_INFO, FACILITY, type BrokerInfo } from '../tokens';
import { MessageOrderGuard, REMEMBERED_ROBOTS, rememberNewest } from './message-order.guard';
import { MqttRobotLink } from './mqtt-robot-link.adapter';
import { factsheetToInfo, stateToReport } from './order.mapper';

const REJECTION_LOG_EVERY_MS = 10_000;

/** Inbound half of the fleet link: every valid robot message becomes one FleetService call; failures are logged, never thrown. */
@Injectable()
export class FleetIngress {
  private readonly logger = new Logger('FleetIngress');
  private readonly unknownRobots = new Map<string, number>();
  private readonly order = new MessageOrderGuard();
  /** Dropped messages are logged at most once per reason and `REJECTION_LOG_EVERY_MS`, with how many there were. */
  private readonly rejectionLog = new Map<string, number>();
  /** State fields left out as impossible (order.mapper, implausible), counted by field. */
  private readonly implausibleFields = new Map<string, number>();

  constructor(
    private readonly link: MqttRobotLink,
    private readonly fleet: FleetService,
    private readonly clock: Clock,
    @Inject(FACILITY) private readonly facility: Facility,
    @Inject(BROKER_INFO) private readonly broker: BrokerInfo,
  ) {}

  start(): void {
    const client = this.link.client;
    client.on('connection', ({ manufacturer, serialNumber, message }) => {
      // the embedded broker tells whether the robot has a connection now: a will fired while it has one is an old one's
      const connectedNow = message.connectionState === 'CONNECTIONBROKEN' ? this.broker.vehicleConnected?.(manufacturer, serialNumber) : undefined;
      if (!this.order.acceptConnection(robotId(manufacturer, serialNumber), message.headerId, message.timestamp, message.connectionState, connectedNow)) return;
      this.handle('connection', manufacturer, serialNumber, () => this.fleet.onConnection(manufacturer, serialNumber, message.connectionState));
    });
    client.on('state', ({ manufacturer, serialNumber, message }) => {
      const id = robotId(manufacturer, serialNumber);
      if (!this.order.acceptState(id, message.headerId, message.timestamp)) return;
      const report = stateToReport(id, message, this.clock.now(), (headerId) => this.link.orderOfHeader(id, headerId), (field, problem) => this.noteImplausible(id, field, problem), (mapId) => this.facility.floor(mapId) !== undefined, (short) => this.link.ourId(id, short));
      this.handle('state', manufacturer, serialNumber, () => this.fleet.onState(manufacturer, serialNumber, report));
    });
    // While the broker is away we hear no robot: that must not look like every robot going silent.
    client.on('disconnect', () => {
      this.logger.warn('MQTT broker connection lost; reconnecting with backoff');
      this.fleet.onLinkDown();
    });
    client.on('connect', () => {
      this.logger.log('MQTT broker connected');
      this.fleet.onLinkUp().catch((error: Error) => this.logger.error(`after reconnect: ${error.message}`, error.stack));
    });
    client.on('factsheet', ({ manufacturer, serialNumber, message }) =>
      this.handle('factsheet', manufacturer, serialNumber, () => this.fleet.onFactsheet(manufacturer, serialNumber, factsheetToInfo(message))),
    );
    client.on('rejected', ({ topic, reason, error }) => this.logRejection(topic, reason, error));
  }

  /** Duplicate and out-of-order robot messages dropped so far (see MessageOrderGuard). */
  droppedCounts(): { duplicate: number; stale: number } {
    return this.order.counts();
  }

  private logRejection(topic: string, reason: string, error: string): void {
    const now = this.clock.now();
    const last = this.rejectionLog.get(reason);
    if (last !== undefined && now - last < REJECTION_LOG_EVERY_MS) return;
    this.rejectionLog.set(reason, now);
    this.logger.warn(`dropped message on ${topic.slice(0, 200)} (${reason}): ${error.slice(0, 300)} — further ones for ${REJECTION_LOG_EVERY_MS / 1000} s are only counted (/health)`);
  }

  /** State fields left out as impossible since start, by field (the rest of those states was taken). */
  implausibleCounts(): Record<string, number> {
    return Object.fromEntries(this.implausibleFields);
  }

  private noteImplausible(robot: string, field: string, problem: string): void {
    this.implausibleFields.set(field, (this.implausibleFields.get(field) ?? 0) + 1);
    const key = `implausible ${field} ${robot}`;
    const now = this.clock.now();
    const last = this.rejectionLog.get(key);
    if (last !== undefined && now - last < REJECTION_LOG_EVERY_MS) return;
    this.rejectionLog.set(key, now);
    this.logger.warn(`robot ${robot}: state field ${field} left out, ${problem}; the rest of its state is taken — further ones for ${REJECTION_LOG_EVERY_MS / 1000} s are only counted (/health)`);
  }

  /** Messages from robots that are neither registered nor allowed to join are counted per robot. */
  unknownRobotCounts(): Record<string, number> {
    return Object.fromEntries(this.unknownRobots);
  }

  private handle(topic: string, manufacturer: string, serialNumber: string, work: () => Promise<boolean>): void {
    work().then(
      (known) => {
        if (known) return;
        const id = robotId(manufacturer, serialNumber);
        const count = (this.unknownRobots.get(id) ?? 0) + 1;
        rememberNewest(this.unknownRobots, id, count, REMEMBERED_ROBOTS);
        if (count === 1) this.logger.warn(`ignoring ${topic} from unknown robot ${id}: register it with POST /api/robots`);
      },
      (error: Error) => this.logger.error(`${topic} from ${manufacturer}/${serialNumber} failed: ${error.message}`, error.stack),
    );
  }
}
