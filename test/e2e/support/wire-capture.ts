import { connectAsync, type MqttClient } from 'mqtt';
import { parseTopic, validateMessage, type Topic } from '@opiekun/vda5050';
import { E2E_MONITOR_LOGIN } from './mqtt-logins';

export interface WireCaptureOptions {
  readonly interfaceName?: string;
  /** Reconnect after this many ms when the broker goes away (a soak restarts it); default: no reconnect. */
  readonly reconnectPeriodMs?: number;
  /** Which valid messages to keep in `messages` (a long soak keeps only what it checks); default all. */
  readonly keep?: (message: CapturedMessage) => boolean;
  /** Called with every valid message, kept or not. */
  readonly onMessage?: (message: CapturedMessage) => void;
  /** The read-only login to use; default the e2e tests' monitor (./mqtt-logins.ts). */
  readonly login?: { readonly username: string; readonly password: string };
}

export interface CapturedMessage {
  readonly topic: string;
  readonly subtopic: Topic;
  readonly serialNumber: string;
  readonly payload: Record<string, unknown>;
  readonly retained: boolean;
}

/**
 * Listens to every VDA 5050 topic on a broker and validates each message against the schema of its declared version:
 * the e2e tests' proof that nothing invalid went over the wire.
 */
export class WireCapture {
  readonly messages: CapturedMessage[] = [];
  readonly invalid: { topic: string; error: string }[] = [];
  private readonly retainedTopics = new Set<string>();

  private constructor(
    private readonly client: MqttClient,
    private readonly options: WireCaptureOptions,
  ) {}

  static async start(url: string, interfaceOrOptions: string | WireCaptureOptions = 'uagv'): Promise<WireCapture> {
    const options = typeof interfaceOrOptions === 'string' ? { interfaceName: interfaceOrOptions } : interfaceOrOptions;
    const interfaceName = options.interfaceName ?? 'uagv';
    const client = await connectAsync(url, { reconnectPeriod: options.reconnectPeriodMs ?? 0, connectTimeout: 5_000, ...(options.login ?? E2E_MONITOR_LOGIN) });
    const capture = new WireCapture(client, options);
    // While reconnecting, refused connections are expected: mqtt.js reports them as 'error' events.
    if (options.reconnectPeriodMs) client.on('error', () => undefined);
    client.on('message', (topic, payload, packet) => capture.record(topic, payload, packet.retain));
    await client.subscribeAsync(`${interfaceName}/#`, { qos: 1 });
    return capture;
  }

  ofTopic(subtopic: Topic): CapturedMessage[] {
    return this.messages.filter((m) => m.subtopic === subtopic);
  }

  /**
   * Clears the retained connection messages the run left on a shared broker, then disconnects. Only on a broker that
   * lets the capture publish (the machine's Mosquitto): the embedded broker's monitor login publishes nothing.
   */
  async stop(clearRetained = false): Promise<void> {
    if (clearRetained) {
      for (const topic of this.retainedTopics) await this.client.publishAsync(topic, '', { retain: true, qos: 1 });
    }
    await this.client.endAsync();
  }

  private record(topic: string, raw: Buffer, retain: boolean): void {
    if (raw.length === 0) return;
    const parsed = parseTopic(topic);
    if (!parsed) {
      this.invalid.push({ topic, error: 'not a VDA 5050 topic' });
      return;
    }
    if (parsed.topic === 'connection') this.retainedTopics.add(topic);
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      this.invalid.push({ topic, error: 'not JSON' });
      return;
    }
    const result = validateMessage(parsed.topic, payload);
    if (!result.ok) this.invalid.push({ topic, error: result.error });
    const message = { topic, subtopic: parsed.topic, serialNumber: parsed.serialNumber, payload: payload as Record<string, unknown>, retained: retain };
    if (result.ok) this.options.onMessage?.(message);
    if (this.options.keep?.(message) ?? true) this.messages.push(message);
  }
}
