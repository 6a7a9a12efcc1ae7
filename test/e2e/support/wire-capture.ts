import { connectAsync, type MqttClient } from 'mqtt';
import { parseTopic, validateMessage, type Topic } from '@opiekun/vda5050';

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

  private constructor(private readonly client: MqttClient) {}

  static async start(url: string, interfaceName = 'uagv'): Promise<WireCapture> {
    const client = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5_000 });
    const capture = new WireCapture(client);
    client.on('message', (topic, payload, packet) => capture.record(topic, payload, packet.retain));
    await client.subscribeAsync(`${interfaceName}/#`, { qos: 1 });
    return capture;
  }

  ofTopic(subtopic: Topic): CapturedMessage[] {
    return this.messages.filter((m) => m.subtopic === subtopic);
  }

  /** Clears the retained connection messages the run left on a shared broker, then disconnects. */
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
    this.messages.push({ topic, subtopic: parsed.topic, serialNumber: parsed.serialNumber, payload: payload as Record<string, unknown>, retained: retain });
  }
}
