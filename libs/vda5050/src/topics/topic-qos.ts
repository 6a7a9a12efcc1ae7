import { Topic } from './topic';

/** How messages of one topic are published: MQTT QoS level and retained flag. */
export interface PublishPolicy {
  qos: 0 | 1;
  retain: boolean;
}

/*
 * VDA 5050 section 6.2: QoS 0 for order, state, factsheet and visualization; QoS 1 for connection.
 * instantActions: 2.0 leaves it out of that list, 2.1 adds it to the QoS 0 list. We follow 2.1, which clarifies
 * rather than changes 2.0, and is what vehicles of either version subscribe with. Delivery of an instant action is
 * confirmed the VDA 5050 way, by its actionId appearing in state.actionStates, not by MQTT acknowledgements.
 * Retained: connection (6.14, so a late subscriber sees the last will) and factsheet (6.16).
 */
const POLICIES: Readonly<Record<Topic, PublishPolicy>> = {
  [Topic.Order]: { qos: 0, retain: false },
  [Topic.InstantActions]: { qos: 0, retain: false },
  [Topic.State]: { qos: 0, retain: false },
  [Topic.Visualization]: { qos: 0, retain: false },
  [Topic.Connection]: { qos: 1, retain: true },
  [Topic.Factsheet]: { qos: 0, retain: true },
};

/**
 * QoS and retained flag that VDA 5050 prescribes for a topic. Subscriptions use the same QoS.
 *
 * instantActions uses QoS 0: 2.1 says so explicitly and 2.0 is silent; confirmation comes from `state.actionStates`.
 */
export function publishPolicyFor(topic: Topic): PublishPolicy {
  return POLICIES[topic];
}
