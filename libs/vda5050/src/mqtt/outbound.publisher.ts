import type { MqttClient } from 'mqtt';
import type { Headerless } from '../header/header.stamper';
import type { HeaderStamper } from '../header/header.stamper';
import type { Topic, TopicPayload, VehicleId } from '../topics/topic';
import { topicFor, type TopicOptions } from '../topics/topic-path';
import { publishPolicyFor } from '../topics/topic-qos';
import { validateMessage } from '../validation/message.validator';
import { Vda5050Error, Vda5050ErrorCode } from '../vda5050.error';

/**
 * The outbound half shared by both clients: stamp the header (`version` the stamper's, or the caller's), validate
 * against the schema of that version, publish with the
 * spec's QoS and retained flag. A headerId is only consumed by a message that is actually handed to MQTT.
 */
export class OutboundPublisher {
  constructor(
    private readonly client: MqttClient,
    private readonly stamper: HeaderStamper,
    private readonly topicOptions: TopicOptions,
    private readonly isClosed: () => boolean,
  ) {}

  /** Builds and validates the full message for `body`, without consuming a headerId. */
  prepare<K extends Topic>(vehicle: VehicleId, topic: K, body: Headerless<TopicPayload[K]>, version?: string): TopicPayload[K] {
    const message = this.stamper.draft(vehicle, topic, body, version);
    const result = validateMessage(topic, message);
    if (!result.ok) throw new Vda5050Error(Vda5050ErrorCode.InvalidMessage, result.error);
    return message;
  }

  /**
   * Publishes one message. Rejects with `INVALID_MESSAGE` (the body fails the schema), `INVALID_IDENTIFIER`,
   * `NOT_CONNECTED` (QoS 0 would be dropped or delivered late; the caller decides) or `CLOSED`.
   */
  async publish<K extends Topic>(vehicle: VehicleId, topic: K, body: Headerless<TopicPayload[K]>, version?: string): Promise<TopicPayload[K]> {
    if (this.isClosed()) throw new Vda5050Error(Vda5050ErrorCode.Closed, `cannot publish ${topic}: client is closed`);
    const mqttTopic = topicFor(vehicle, topic, this.topicOptions);
    const message = this.prepare(vehicle, topic, body, version);
    if (!this.client.connected) {
      throw new Vda5050Error(Vda5050ErrorCode.NotConnected, `cannot publish ${topic} to ${mqttTopic}: not connected`);
    }
    this.stamper.commit(vehicle, topic);
    await this.client.publishAsync(mqttTopic, JSON.stringify(message), publishPolicyFor(topic));
    return message;
  }
}
