import { spreadOverlapping } from './floor-geometry';

describe('spreadOverlapping', () => {
  it('spreads robots standing on one spot so each marker can be seen, and leaves a robot alone where it is', () => {
    const spread = spreadOverlapping([
      { id: 'SC-002', x: 5, y: 0 },
      { id: 'SC-001', x: 5.1, y: 0 },
      { id: 'SC-003', x: 20, y: 4 },
    ]);
    expect(spread[2]).toEqual({ id: 'SC-003', x: 20, y: 4 });
    const [a, b] = [spread.find((p) => p.id === 'SC-001')!, spread.find((p) => p.id === 'SC-002')!];
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(1);
    // near where they stand, and the same places whatever the order they come in
    for (const p of [a, b]) expect(Math.hypot(p.x - 5, p.y)).toBeLessThan(1.1);
    expect(spreadOverlapping([{ id: 'SC-001', x: 5.1, y: 0 }, { id: 'SC-002', x: 5, y: 0 }])).toEqual([a, b]);
  });
});
