import { systemClock, type Clock } from '../clock';
import type { Topic, TopicPayload, VehicleId } from '../topics/topic';

/** The header fields of every VDA 5050 message (section 6.4); stamped by the transport, never by callers. */
export type HeaderField = 'headerId' | 'timestamp' | 'version' | 'manufacturer' | 'serialNumber';

/** A message body without its header: what callers hand to the transport. */
export type Headerless<T> = Omit<T, HeaderField>;

/** The version written into a header unless the caller names another (master control: the vehicle's own, versionFor). */
export const EMITTED_PROTOCOL_VERSION = '2.0.0';

const UINT32_MAX = 0xffff_ffff;

/** Options of {@link HeaderStamper}. */
export interface HeaderStamperOptions {
  /** Source of `timestamp`; defaults to the wall clock. */
  now?: Clock;
  /** Written to `version`; defaults to {@link EMITTED_PROTOCOL_VERSION}. */
  version?: string;
  /** The headerId a vehicle's topic starts at in this process; default 0. */
  firstHeaderId?: () => number;
}

/**
 * Stamps VDA 5050 headers. `headerId` is counted per vehicle and topic (the spec defines it per topic; master
 * control talks to many vehicles, each expecting its own sequence), starts at 0 (or `firstHeaderId`), increments by 1
 * per sent message and wraps after 2^32 - 1 because it is a uint32.
 */
export class HeaderStamper {
  private readonly counters = new Map<string, number>();
  private readonly now: Clock;
  private readonly version: string;
  private readonly firstHeaderId: () => number;

  constructor(options: HeaderStamperOptions = {}) {
    this.now = options.now ?? systemClock;
    this.version = options.version ?? EMITTED_PROTOCOL_VERSION;
    this.firstHeaderId = options.firstHeaderId ?? (() => 0);
  }

  /** The headerId the next message of a vehicle's topic will carry. */
  peekHeaderId(vehicle: VehicleId, topic: Topic): number {
    const key = keyOf(vehicle, topic);
    let next = this.counters.get(key);
    if (next === undefined) this.counters.set(key, (next = this.firstHeaderId() >>> 0));
    return next;
  }

  /** Marks the current headerId of a vehicle's topic as sent, so the next message gets the following one. */
  commit(vehicle: VehicleId, topic: Topic): void {
    const headerId = this.peekHeaderId(vehicle, topic);
    this.counters.set(keyOf(vehicle, topic), headerId === UINT32_MAX ? 0 : headerId + 1);
  }

  /**
   * The body with a header in front, carrying the current headerId without consuming it; call {@link commit} once
   * the message is actually sent (the spec counts sent messages). Header fields in the body are overwritten.
   */
  draft<K extends Topic>(vehicle: VehicleId, topic: K, body: Headerless<TopicPayload[K]>, version = this.version): TopicPayload[K] {
    const header = {
      headerId: this.peekHeaderId(vehicle, topic),
      timestamp: new Date(this.now()).toISOString(),
      version,
      manufacturer: vehicle.manufacturer,
      serialNumber: vehicle.serialNumber,
    };
    // Header first (readable on the wire), then the body, then the header again so it always wins.
    // TypeScript cannot see that Headerless<T> plus the header fields is T again.
    return Object.assign({}, header, body, header) as unknown as TopicPayload[K];
  }

  /** {@link draft} and {@link commit} in one: for messages that are certainly sent. */
  stamp<K extends Topic>(vehicle: VehicleId, topic: K, body: Headerless<TopicPayload[K]>): TopicPayload[K] {
    const message = this.draft(vehicle, topic, body);
    this.commit(vehicle, topic);
    return message;
  }
}

// A manufacturer never contains '/', so the key is unambiguous.
function keyOf(vehicle: VehicleId, topic: Topic): string {
  return `${vehicle.manufacturer}/${vehicle.serialNumber}/${topic}`;
}
