import { EventEmitter } from 'node:events';
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import type { Clock } from '../clock';
import { HeaderStamper, type Headerless } from '../header/header.stamper';
import { Topic, type VehicleId } from '../topics/topic';
import { assertValidVehicleId, topicFor, type TopicOptions } from '../topics/topic-path';
import { publishPolicyFor } from '../topics/topic-qos';
import type { Connection, ConnectionState, Factsheet, State, Visualization } from '../types/vda5050.types';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../validation/message.parser';
import type { RejectReason } from '../validation/message.validator';
import { decodeInbound, type InboundMessage, type Rejection } from './inbound-message';
import { bindLink, endClient, openClient, subscribeAll, type LinkEvents } from './mqtt-link';
import { OutboundPublisher } from './outbound.publisher';
import { RejectionCounter } from './rejection.counter';
import { vehicleUsername } from './vehicle-login';

/** Events of {@link VehicleClient}. Listeners must not throw: they run inside mqtt.js's receive path. */
export interface VehicleEvents extends LinkEvents {
  /** A schema-valid order addressed to this vehicle. Order logic (base/horizon, orderUpdateId) is the caller's. */
  order: [InboundMessage<Topic.Order>];
  /** Schema-valid instant actions addressed to this vehicle. */
  instantActions: [InboundMessage<Topic.InstantActions>];
  /** An order that failed validation; the vehicle should report a `validationError` (spec 6.6.4). */
  invalidOrder: [Rejection];
  /** Instant actions that failed validation; the vehicle should report a `validationError`. */
  invalidInstantActions: [Rejection];
}

/** Options of {@link VehicleClient}: the vehicle's identity and how to reach the broker. */
export interface VehicleClientOptions extends VehicleId, TopicOptions {
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`; or leave it out and give host/port in `mqttOptions`. */
  url?: string;
  /** mqtt.js options; ours (reconnect every 1 s, keep-alive 15 s) apply underneath, the last will is always ours. */
  mqttOptions?: IClientOptions;
  /** MQTT client id; mqtt.js makes a random one by default. */
  clientId?: string;
  /**
   * Logs in as {@link vehicleUsername} (`{manufacturer}/{serialNumber}`) with this password, for a broker that checks
   * who publishes what (the api's embedded broker, a Mosquitto with a password file); leave out to log in with what
   * `mqttOptions` say, or anonymously.
   */
  password?: string;
  /** Clock for header timestamps; defaults to the wall clock. */
  now?: Clock;
  /** Inbound messages larger than this are dropped unparsed (and reported as invalid); default 1 MiB. */
  maxMessageBytes?: number;
  /** How long `close()` waits for the broker to acknowledge OFFLINE before disconnecting anyway; default 2000 ms. */
  closeTimeoutMs?: number;
}

const INBOUND_TOPICS: ReadonlySet<Topic> = new Set([Topic.Order, Topic.InstantActions]);
const DEFAULT_CLOSE_TIMEOUT_MS = 2000;

/**
 * A vehicle's end of VDA 5050 over MQTT, used by robot-sim and by tests standing in for third-party vehicles.
 * Follows spec 6.14: last will `CONNECTIONBROKEN` (QoS 1, retained), `ONLINE` after connecting, `OFFLINE` before a
 * graceful disconnect. Receives its own order and instantActions topics with validation; publishes state,
 * visualization and factsheet with stamped, validated headers.
 */
export class VehicleClient extends EventEmitter<VehicleEvents> {
  /** The vehicle this client speaks for. */
  readonly vehicle: VehicleId;
  private readonly client: MqttClient;
  private readonly stamper: HeaderStamper;
  private readonly publisher: OutboundPublisher;
  private readonly topicOptions: TopicOptions;
  private readonly rejections = new RejectionCounter();
  private readonly maxBytes: number;
  private readonly closeTimeoutMs: number;
  private readonly subscribed: Promise<void>;
  private readonly detachLink: () => void;
  private closed = false;

  /** @throws {@link Vda5050Error} `INVALID_IDENTIFIER` if manufacturer or serial number cannot appear in a topic. */
  constructor(options: VehicleClientOptions) {
    super();
    this.vehicle = { manufacturer: options.manufacturer, serialNumber: options.serialNumber };
    assertValidVehicleId(this.vehicle);
    this.topicOptions = { interfaceName: options.interfaceName, majorVersion: options.majorVersion };
    this.maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    this.stamper = new HeaderStamper({ now: options.now });
    this.client = openClient(options.url, {
      ...options.mqttOptions,
      ...(options.clientId ? { clientId: options.clientId } : {}),
      ...(options.password !== undefined ? { username: vehicleUsername(this.vehicle), password: options.password } : {}),
      will: this.lastWill(),
    });
    this.publisher = new OutboundPublisher(this.client, this.stamper, this.topicOptions, () => this.closed);
    this.detachLink = bindLink(
      this.client,
      {
        connect: () => this.emit('connect'),
        disconnect: () => this.emit('disconnect'),
        offline: () => this.emit('offline'),
        transportError: (error) => this.emit('transportError', error),
      },
      () => void this.announceOnline(),
    );
    // The will is fixed at CONNECT time; restamp it for each reconnect so its header is not hours old.
    this.client.on('reconnect', this.onReconnect);
    this.client.on('message', this.onMessage);
    this.subscribed = subscribeAll(this.client, this.subscriptionFilters());
    this.subscribed.catch((error: Error) => {
      if (!this.closed) this.emit('transportError', error);
    });
  }

  /** True while the MQTT session is up. */
  get connected(): boolean {
    return !this.closed && this.client.connected;
  }

  /** Invalid inbound messages per reason since construction. */
  rejectedCounts(): Record<RejectReason, number> {
    return this.rejections.snapshot();
  }

  /** Publishes the vehicle state (QoS 0). @throws {@link Vda5050Error} `INVALID_MESSAGE`, `NOT_CONNECTED`, `CLOSED`. */
  publishState(state: Headerless<State>): Promise<State> {
    return this.publisher.publish(this.vehicle, Topic.State, state);
  }

  /** Publishes position and velocity (QoS 0). @throws {@link Vda5050Error} as {@link publishState}. */
  publishVisualization(visualization: Headerless<Visualization>): Promise<Visualization> {
    return this.publisher.publish(this.vehicle, Topic.Visualization, visualization);
  }

  /** Publishes the factsheet (QoS 0, retained, spec 6.16). @throws {@link Vda5050Error} as {@link publishState}. */
  publishFactsheet(factsheet: Headerless<Factsheet>): Promise<Factsheet> {
    return this.publisher.publish(this.vehicle, Topic.Factsheet, factsheet);
  }

  /**
   * Goes offline gracefully: publishes `OFFLINE` (retained, QoS 1), then sends MQTT DISCONNECT so the broker discards
   * the last will. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.client.connected) await this.announceOffline();
    this.closed = true;
    this.client.off('message', this.onMessage);
    this.client.off('reconnect', this.onReconnect);
    // detached first: the connection we end on purpose is no lost link
    this.detachLink();
    await endClient(this.client);
  }

  private subscriptionFilters(): Map<string, Topic> {
    return new Map([...INBOUND_TOPICS].map((topic) => [topicFor(this.vehicle, topic, this.topicOptions), topic]));
  }

  private lastWill(): NonNullable<IClientOptions['will']> {
    const will: Connection = this.stamper.stamp(this.vehicle, Topic.Connection, { connectionState: 'CONNECTIONBROKEN' });
    const { qos, retain } = publishPolicyFor(Topic.Connection);
    return { topic: topicFor(this.vehicle, Topic.Connection, this.topicOptions), payload: Buffer.from(JSON.stringify(will)), qos, retain };
  }

  private async publishConnection(connectionState: ConnectionState): Promise<void> {
    await this.publisher.publish(this.vehicle, Topic.Connection, { connectionState });
  }

  private async announceOnline(): Promise<void> {
    try {
      // Subscribed before ONLINE, so master control never sends an order the vehicle cannot yet hear.
      await this.subscribed;
      await this.publishConnection('ONLINE');
      this.emit('connect');
    } catch (error) {
      if (!this.closed) this.emit('transportError', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async announceOffline(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.closeTimeoutMs);
    });
    try {
      await Promise.race([this.publishConnection('OFFLINE'), timeout]);
    } catch (error) {
      this.emit('transportError', error instanceof Error ? error : new Error(String(error)));
    } finally {
      clearTimeout(timer);
    }
  }

  private readonly onReconnect = (): void => {
    this.client.options.will = this.lastWill();
  };

  private readonly onMessage = (mqttTopic: string, payload: Buffer, packet: IPublishPacket): void => {
    const decoded = decodeInbound(mqttTopic, payload, packet.retain, {
      topics: INBOUND_TOPICS,
      maxBytes: this.maxBytes,
      vehicle: this.vehicle,
    });
    if (decoded.ok) {
      const { inbound } = decoded;
      if (inbound.topic === Topic.Order) this.emit('order', inbound);
      else if (inbound.topic === Topic.InstantActions) this.emit('instantActions', inbound);
      return;
    }
    this.rejections.add(decoded.rejection.reason);
    if (mqttTopic.endsWith(`/${Topic.Order}`)) this.emit('invalidOrder', decoded.rejection);
    else if (mqttTopic.endsWith(`/${Topic.InstantActions}`)) this.emit('invalidInstantActions', decoded.rejection);
  };
}
