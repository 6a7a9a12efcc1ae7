import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { cancelActionId, Clock, compactId, compactsIds, FleetRegistry, instantActionId, isTemporaryNodeId, RobotLink, type InstantCommand, type Mission } from '@opiekun/application';
import { DomainError, DomainErrorCode, robotId } from '@opiekun/domain';
import { MasterControlClient, Vda5050Error, Vda5050ErrorCode } from '@opiekun/vda5050';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, BROKER_INFO, type BrokerInfo } from '../tokens';
import { rememberNewest } from './message-order.guard';
import { commandToInstantActions, factsheetBlocking, missionToOrder, type AllowedBlocking, type BlockingType } from './order.mapper';

/** Order messages remembered per robot by headerId (a robot answers within seconds; resends make a few per order). */
const REMEMBERED_ORDER_MESSAGES = 32;

/** Robots whose factsheet's blocking types are remembered (the fleet, with room to spare). */
const REMEMBERED_FACTSHEETS = 10_000;

/** Short ids remembered per robot: the orders and instant actions of a long while (an order has tens of actions). */
const REMEMBERED_SHORT_IDS = 4_096;

/** Outbound half of the fleet link: missions and instant commands become VDA 5050 messages on the broker. */
@Injectable()
export class MqttRobotLink extends RobotLink {
  private readonly logger = new Logger('FleetLink');
  readonly client: MasterControlClient;
  /** The orders last sent to each robot by their message's headerId (see orderOfHeader). */
  private readonly sentOrders = new Map<string, Map<number, string>>();
  /** For robots written short ids (compactId), per robot: ours by the short one (ourId), and the short one by ours. */
  private readonly shortIds = new Map<string, { readonly ours: Map<string, string>; readonly written: Map<string, string> }>();
  /**
   * The blocking types each robot's factsheet allows, by scope and action type (blockingOf). In memory: after a restart
   * every robot is asked for its factsheet once more (FleetService), and until it answers our own blocking types go out.
   */
  private readonly blocking = new Map<string, Map<string, readonly BlockingType[]>>();

  constructor(
    @Inject(BROKER_INFO) broker: BrokerInfo,
    @Inject(APP_CONFIG) config: AppConfig,
    clock: Clock,
    private readonly fleet: FleetRegistry,
  ) {
    super();
    this.client = new MasterControlClient({
      url: broker.url,
      clientId: `opiekun-api-${randomUUID().slice(0, 8)}`,
      mqttOptions: { ...(broker.login ? { username: broker.login.username, password: broker.login.password } : {}), ...(broker.ca ? { ca: [...broker.ca] } : {}) },
      now: () => clock.now(),
      maxMessageBytes: config.MQTT_MAX_MESSAGE_KB * 1024,
      interfaceName: config.MQTT_INTERFACE_NAME,
      // headerIds go on rising across restarts (an old error's headerId never names a new order)
      headerIdsFromClock: true,
    });
    this.client.on('factsheet', ({ manufacturer, serialNumber, message }) => {
      const blocking = factsheetBlocking(message);
      if (blocking) rememberNewest(this.blocking, robotId(manufacturer, serialNumber), blocking, REMEMBERED_FACTSHEETS);
    });
  }

  /** What the robot's factsheet allows of each action's blocking type, on an order's nodes or as an instant action. */
  private allowed(robotId: string, scope: 'NODE' | 'INSTANT'): AllowedBlocking {
    const known = this.blocking.get(robotId);
    return (actionType) => known?.get(`${scope} ${actionType}`);
  }

  get connected(): boolean {
    return this.client.connected;
  }

  rejectedCounts(): Record<string, number> {
    return this.client.rejectedCounts();
  }

  async sendMission(mission: Mission): Promise<void> {
    const sent = await this.client.publishOrder(this.target(mission.robotId), missionToOrder(mission, this.writer(mission.robotId), this.allowed(mission.robotId, 'NODE'))).catch(linkDown);
    let byHeader = this.sentOrders.get(mission.robotId);
    if (!byHeader) this.sentOrders.set(mission.robotId, (byHeader = new Map()));
    rememberNewest(byHeader, sent.headerId, mission.id, REMEMBERED_ORDER_MESSAGES);
    this.logger.debug(`order ${mission.id} → ${mission.robotId}`);
  }

  /**
   * The orderId of the order message a robot was sent with this headerId. VDA 5050 §7.1 has an error reference
   * the order by `headerId` (and `topic`); the orderId is named only for an order update — so a vehicle may reject a
   * new order naming just the message.
   */
  orderOfHeader(robotId: string, headerId: number): string | undefined {
    return this.sentOrders.get(robotId)?.get(headerId);
  }

  /**
   * The order message's size as it goes out: the header stamped (a headerId of the most digits it gets, a uint32; an
   * ISO timestamp; the version the vehicle is written to) and the body, in UTF-8 bytes.
   */
  override orderBytes(mission: Mission): number {
    const target = this.target(mission.robotId);
    const header = { headerId: 0xffff_ffff, timestamp: new Date(0).toISOString(), version: this.client.versionFor(target), ...target };
    const limits = this.fleet.get(mission.robotId)?.orderLimits;
    const written = this.shortIds.get(mission.robotId)?.written;
    return Buffer.byteLength(JSON.stringify({ ...header, ...missionToOrder(mission, (id) => written?.get(id) ?? compactId(id, limits), this.allowed(mission.robotId, 'NODE')) }));
  }

  /**
   * The mission's ids as written to its robot, remembered so that what the robot reports is read back (`ourId`): a
   * robot written short ids (compactId) after a restart too, from the missions the outbox holds (AppModule).
   */
  rememberIds(mission: Mission): void {
    const write = this.writer(mission.robotId);
    write(mission.id);
    // a cancelOrder sent for it before the restart is read back too (its actionId follows from the order's)
    write(cancelActionId(mission.id));
    for (const node of mission.nodes) {
      if (isTemporaryNodeId(node.nodeId)) write(node.nodeId);
      for (const action of node.actions) write(action.id);
    }
  }

  /** Our id for one the robot reports, where we wrote it a short one (compactId); else the id itself. */
  ourId(robotId: string, id: string): string {
    return this.shortIds.get(robotId)?.ours.get(id) ?? id;
  }

  /**
   * How ids of ours are written to the robot: short for one that limits them (compactId), remembered both ways; else as
   * they are. An id once written keeps that form while remembered, whatever the robot's limits became since: a resend
   * of an order, or a releaseTrigger naming one of its actions, must name what the robot was given.
   */
  private writer(robotId: string): (id: string) => string {
    const limits = this.fleet.get(robotId)?.orderLimits;
    const compacts = compactsIds(limits);
    const ids = this.shortIds.get(robotId);
    if (!compacts && !ids) return (id) => id;
    let known = ids;
    if (!known) this.shortIds.set(robotId, (known = { ours: new Map(), written: new Map() }));
    const { ours, written } = known;
    return (id) => {
      const short = written.get(id) ?? (compacts ? compactId(id, limits) : id);
      if (short === id) return id;
      rememberNewest(ours, short, id, REMEMBERED_SHORT_IDS);
      rememberNewest(written, id, short, REMEMBERED_SHORT_IDS);
      return short;
    };
  }

  async sendInstant(robotId: string, command: InstantCommand): Promise<void> {
    const write = this.writer(robotId);
    const actionId = write(command.kind === 'cancel' && command.id ? command.id : instantActionId(command.kind, randomUUID()));
    await this.client.publishInstantActions(this.target(robotId), commandToInstantActions(command, actionId, write, this.allowed(robotId, 'INSTANT'))).catch(linkDown);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private target(robotId: string): { manufacturer: string; serialNumber: string } {
    const robot = this.fleet.get(robotId);
    if (!robot) throw new Error(`robot ${robotId} is not known to the fleet link`);
    return { manufacturer: robot.manufacturer, serialNumber: robot.serialNumber };
  }
}

/** A broker that is down (or a link being closed) is ROBOT_LINK_DOWN to the application: held, retried, 503 over HTTP. */
function linkDown(error: unknown): never {
  if (error instanceof Vda5050Error && (error.code === Vda5050ErrorCode.NotConnected || error.code === Vda5050ErrorCode.Closed)) {
    throw new DomainError(DomainErrorCode.RobotLinkDown, `the MQTT broker cannot be reached: ${error.message}`, 'broker');
  }
  throw error;
}
