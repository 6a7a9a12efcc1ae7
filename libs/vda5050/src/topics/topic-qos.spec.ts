import { Topic } from './topic';
import { publishPolicyFor } from './topic-qos';

describe('publishPolicyFor', () => {
  it.each([
    [Topic.Order, 0, false],
    [Topic.InstantActions, 0, false],
    [Topic.State, 0, false],
    [Topic.Visualization, 0, false],
    [Topic.Connection, 1, true],
    [Topic.Factsheet, 0, true],
  ])('%s: QoS %d, retained %s (VDA 5050 6.2, 6.14, 6.16)', (topic, qos, retain) => {
    expect(publishPolicyFor(topic)).toEqual({ qos, retain });
  });
});
