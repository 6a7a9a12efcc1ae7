import { EventEmitter } from 'node:events';
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import { systemClock, type Clock } from '../clock';
import { EMITTED_PROTOCOL_VERSION, HeaderStamper, type Headerless } from '../header/header.stamper';
import { Topic, type VehicleId } from '../topics/topic';
import { subscriptionFor, type TopicOptions } from '../topics/topic-path';
import type { InstantActions, Order } from '../types/vda5050.types';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../validation/message.parser';
import { schemaRegistry } from '../validation/schema.registry';
import type { RejectReason } from '../validation/message.validator';
import { decodeInbound, type AnyInbound, type InboundMessage, type Rejection } from './inbound-message';
import { bindLink, endClient, openClient, subscribeAll, type LinkEvents } from './mqtt-link';
import { OutboundPublisher } from './outbound.publisher';
import { RejectionCounter } from './rejection.counter';

/** Events of {@link MasterControlClient}. Listeners must not throw: they run inside mqtt.js's receive path. */
export interface MasterControlEvents extends LinkEvents {
  state: [InboundMessage<Topic.State>];
  connection: [InboundMessage<Topic.Connection>];
  factsheet: [InboundMessage<Topic.Factsheet>];
  visualization: [InboundMessage<Topic.Visualization>];
  /** An inbound message was dropped; it is also counted in {@link MasterControlClient.rejectedCounts}. */
  rejected: [Rejection];
}

/** Options of {@link MasterControlClient}; give `url` (we own the connection) or `client` (the caller owns it). */
export interface MasterControlOptions extends TopicOptions {
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  url?: string;
  /** An existing mqtt.js client; `close()` then detaches from it but does not end it. */
  client?: MqttClient;
  /** mqtt.js options when connecting by `url`; ours (reconnect every 1 s, keep-alive 15 s) apply underneath. */
  mqttOptions?: IClientOptions;
  /** MQTT client id when connecting by `url`. */
  clientId?: string;
  /** Clock for header timestamps; defaults to the wall clock. */
  now?: Clock;
  /** Inbound messages larger than this are dropped unparsed; default 1 MiB. */
  maxMessageBytes?: number;
  /**
   * Whether to subscribe to the vehicles' visualization topic too (the `visualization` event). Default false: vehicles
   * commonly publish it at 1 Hz or more, as many messages as their states, each parsed and validated for nothing when
   * no one reads it.
   */
  visualization?: boolean;
  /**
   * Whether each vehicle's headerIds start at the clock's seconds (since 1970, as a uint32) rather than at 0, so they
   * go on rising across restarts of master control: a vehicle still reporting an error that names the headerId of an
   * order from before a restart is not taken to refuse a new order that happens to get the same one, and a vehicle that
   * drops messages older by headerId than the last it took does not drop ours — as long as the topic averaged under one
   * message a second since its first (orders and instant actions do; a clock set back breaks it). Default false (0).
   */
  headerIdsFromClock?: boolean;
}

/** What master control sends. */
const OUTBOUND_TOPICS: readonly Topic[] = [Topic.Order, Topic.InstantActions];

/** What master control reads: every vehicle's state, connection and factsheet, and its visualization when asked to. */
const INBOUND_TOPICS: ReadonlySet<Topic> = new Set([Topic.State, Topic.Connection, Topic.Factsheet]);
const WITH_VISUALIZATION: ReadonlySet<Topic> = new Set([...INBOUND_TOPICS, Topic.Visualization]);

/**
 * Master control's end of VDA 5050 over MQTT. Subscribes to the vehicle topics of all vehicles, validates everything
 * that arrives (topic, size, JSON, schema by declared version, header identity) and emits typed events; anything
 * invalid is counted and dropped, never thrown. Publishes orders and instant actions with stamped, validated headers.
 */
export class MasterControlClient extends EventEmitter<MasterControlEvents> {
  private readonly client: MqttClient;
  private readonly ownsClient: boolean;
  private readonly publisher: OutboundPublisher;
  private readonly rejections = new RejectionCounter();
  private readonly maxBytes: number;
  /** The topics it subscribes to and reads (see `visualization`). */
  private readonly inbound: ReadonlySet<Topic>;
  private readonly topicPrefix: string;
  private readonly subscribed: Promise<void>;
  private readonly detachLink: () => void;
  private subscriptionTopics: string[] = [];
  private closed = false;
  /** The version each vehicle's last message carried (versionFor), by `manufacturer/serialNumber`. */
  private readonly spoken = new Map<string, string>();

  constructor(options: MasterControlOptions) {
    super();
    const topicOptions: TopicOptions = { interfaceName: options.interfaceName, majorVersion: options.majorVersion };
    this.ownsClient = options.client === undefined;
    this.client =
      options.client ??
      openClient(options.url, { ...options.mqttOptions, ...(options.clientId ? { clientId: options.clientId } : {}) });
    this.maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.inbound = options.visualization === true ? WITH_VISUALIZATION : INBOUND_TOPICS;
    this.topicPrefix = subscriptionFor(Topic.State, topicOptions).split('+')[0];
    const now = options.now ?? systemClock;
    const stamper = new HeaderStamper({ now, ...(options.headerIdsFromClock === true ? { firstHeaderId: () => Math.floor(now() / 1000) } : {}) });
    this.publisher = new OutboundPublisher(this.client, stamper, topicOptions, () => this.closed);
    // What master control sends is validated against the version it writes: compiled now, not by the first order
    // (~15 ms of blocked event loop in the middle of a dispatch round).
    for (const version of ['2.0', '2.1'] as const) for (const topic of OUTBOUND_TOPICS) schemaRegistry.validatorFor(version, topic);
    this.detachLink = bindLink(this.client, {
      connect: () => this.emit('connect'),
      disconnect: () => this.emit('disconnect'),
      offline: () => this.emit('offline'),
      transportError: (error) => this.emit('transportError', error),
    });
    this.client.on('message', this.onMessage);
    this.subscribed = this.subscribe(topicOptions);
    // ready() hands out this promise; the catch only keeps a failure nobody waits for from being unhandled.
    this.subscribed.catch((error: Error) => {
      if (!this.closed) this.emit('transportError', error);
    });
  }

  /** True while the MQTT session is up. */
  get connected(): boolean {
    return !this.closed && this.client.connected;
  }

  /**
   * Resolves once the broker has granted the initial subscriptions; after a reconnect mqtt.js re-subscribes by itself.
   * Rejects if the broker refuses them or the client is closed first.
   */
  ready(): Promise<void> {
    return this.subscribed;
  }

  /** Dropped inbound messages per reason since construction. */
  rejectedCounts(): Record<RejectReason, number> {
    return this.rejections.snapshot();
  }

  /**
   * Sends an order to one vehicle (QoS 0). The header is stamped here.
   * @returns the message as sent.
   * @throws {@link Vda5050Error} `INVALID_MESSAGE` if the order fails the schema of its version (a bug in the caller),
   * `NOT_CONNECTED`, `INVALID_IDENTIFIER` or `CLOSED`.
   */
  publishOrder(target: VehicleId, order: Headerless<Order>): Promise<Order> {
    return this.publisher.publish(target, Topic.Order, order, this.versionFor(target));
  }

  /**
   * The protocol version a vehicle is written to: the one its own messages carry (2.0.x or 2.1.x, as it wrote it; a missing patch added), so
   * a vehicle that takes only its own version exactly gets it ("2.1.0" for one that wrote "2.1"); 2.0.0 until it has
   * spoken. The messages we send are valid under both minor versions, and each is validated against the schema of the
   * version it carries.
   */
  versionFor(vehicle: VehicleId): string {
    return this.spoken.get(vehicleKey(vehicle)) ?? EMITTED_PROTOCOL_VERSION;
  }

  /**
   * Sends instant actions to one vehicle (QoS 0; confirm by watching `state.actionStates`).
   * @returns the message as sent.
   * @throws {@link Vda5050Error} as {@link publishOrder}.
   */
  publishInstantActions(target: VehicleId, actions: Headerless<InstantActions>): Promise<InstantActions> {
    return this.publisher.publish(target, Topic.InstantActions, actions, this.versionFor(target));
  }

  /** Stops receiving and publishing. Ends the MQTT connection if this client opened it. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.off('message', this.onMessage);
    // detached first: the connection we end on purpose is no lost link (listeners would warn and mark robots unheard)
    this.detachLink();
    if (this.ownsClient) {
      await endClient(this.client);
    } else {
      await this.unsubscribe().catch(() => undefined);
    }
  }

  private async subscribe(topicOptions: TopicOptions): Promise<void> {
    const filters = new Map([...this.inbound].map((topic) => [subscriptionFor(topic, topicOptions), topic]));
    this.subscriptionTopics = [...filters.keys()];
    await subscribeAll(this.client, filters);
  }

  private async unsubscribe(): Promise<void> {
    if (this.client.connected) await this.client.unsubscribeAsync(this.subscriptionTopics);
  }

  private readonly onMessage = (mqttTopic: string, payload: Buffer, packet: IPublishPacket): void => {
    // A shared client may carry other traffic; only our topic tree is ours to judge.
    if (!mqttTopic.startsWith(this.topicPrefix)) return;
    const decoded = decodeInbound(mqttTopic, payload, packet.retain, { topics: this.inbound, maxBytes: this.maxBytes });
    if (!decoded.ok) {
      this.rejections.add(decoded.rejection.reason);
      this.emit('rejected', decoded.rejection);
      return;
    }
    this.remember(decoded.inbound);
    this.dispatch(decoded.inbound);
  };

  /**
   * The version of a vehicle's message (2.0.x or 2.1.x, or 2.0 or 2.1: that family's schema accepted it), for versionFor. A retained
   * message (a factsheet, a connection) may be older than what the vehicle speaks now — one upgraded since left its
   * 2.0 factsheet on the broker, delivered again after each reconnect — so it counts only for a vehicle not heard yet.
   */
  private remember({ manufacturer, serialNumber, message, retained }: AnyInbound): void {
    const key = vehicleKey({ manufacturer, serialNumber });
    if (!message.version || (retained && this.spoken.has(key))) return;
    // most recently heard last: bounded (an open broker lets anyone name a vehicle), the one silent longest goes
    this.spoken.delete(key);
    this.spoken.set(key, withPatch(message.version));
    if (this.spoken.size > REMEMBERED_VEHICLES) this.spoken.delete(this.spoken.keys().next().value!);
  }

  private dispatch(inbound: AnyInbound): void {
    switch (inbound.topic) {
      case Topic.State:
        this.emit('state', inbound);
        return;
      case Topic.Connection:
        this.emit('connection', inbound);
        return;
      case Topic.Factsheet:
        this.emit('factsheet', inbound);
        return;
      case Topic.Visualization:
        this.emit('visualization', inbound);
        return;
      case Topic.Order:
      case Topic.InstantActions:
        // Not subscribed; decodeInbound already filters these out.
        return;
    }
  }
}

/** Vehicles whose protocol version is remembered (versionFor). */
const REMEMBERED_VEHICLES = 10_000;

/**
 * A version as we write it. A vehicle may announce "2.1" without the patch (validation takes it), but what we send
 * keeps the spec's [Major].[Minor].[Patch], so it reads "2.1.0" for a vehicle that strictly checks the form.
 */
function withPatch(version: string): string {
  return /^\d+\.\d+$/.test(version) ? `${version}.0` : version;
}

function vehicleKey(vehicle: VehicleId): string {
  return `${vehicle.manufacturer}/${vehicle.serialNumber}`;
}
