import { taskStops, isTerminal, priorityRank } from './task';

describe('task basics', () => {
  it.each([
    ['completed', true],
    ['ready', false],
  ] as const)('isTerminal(%s) = %s', (status, expected) => {
    expect(isTerminal(status)).toBe(expected);
  });
  it('ranks priorities routine < urgent < asap < stat', () => {
    expect(['stat', 'routine', 'asap', 'urgent'].sort((a, b) => priorityRank(a as never) - priorityRank(b as never))).toEqual([
      'routine',
      'urgent',
      'asap',
      'stat',
    ]);
  });
  it('lists a transport as pick at from then drop at to', () => {
    expect(taskStops({ kind: 'transport', from: 'A', to: 'B', pickAction: 'pick', dropAction: 'drop' })).toEqual([
      { node: 'A', action: 'pick' },
      { node: 'B', action: 'drop' },
    ]);
  });
});
