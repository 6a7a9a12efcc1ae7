import { Topic } from '../topics/topic';
import { SchemaRegistry } from './schema.registry';

describe('SchemaRegistry', () => {
  it('compiles a schema once and hands out the same validator afterwards', () => {
    const registry = new SchemaRegistry();
    const first = registry.validatorFor('2.0', Topic.State);
    expect(registry.validatorFor('2.0', Topic.State)).toBe(first);
    expect(registry.validatorFor('2.1', Topic.State)).not.toBe(first);
  });
});
