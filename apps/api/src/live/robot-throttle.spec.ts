import { ManualClock } from '../../../../libs/application/src/services/dashboard-doubles.fixture';
import { KeyedThrottle } from './robot-throttle';

interface Update {
  id: string;
  n: number;
  state: string;
}

function setUp() {
  const clock = new ManualClock(0);
  const sent: string[] = [];
  const throttle = new KeyedThrottle<Update>(250, clock, (u) => sent.push(`${u.id}#${u.n}@${clock.now()}`), (a, b) => a.state !== b.state);
  return { clock, sent, throttle };
}

describe('KeyedThrottle', () => {
  it('sends at most one update per robot per interval, always ending with the latest', () => {
    const { clock, sent, throttle } = setUp();
    for (let n = 1; n <= 10; n += 1) {
      throttle.push('r1', { id: 'r1', n, state: 'moving' });
      clock.advance(50);
    }
    clock.advance(1000);
    // Pushes at 0, 50, …, 450 ms: the trailing sends at 250 and 500 ms carry the latest value of their window.
    expect(sent).toEqual(['r1#1@0', 'r1#5@250', 'r1#10@500']);
  });

  it('limits each robot on its own', () => {
    const { clock, sent, throttle } = setUp();
    throttle.push('r1', { id: 'r1', n: 1, state: 'idle' });
    throttle.push('r2', { id: 'r2', n: 1, state: 'idle' });
    throttle.push('r1', { id: 'r1', n: 2, state: 'idle' });
    clock.advance(300);
    expect(sent).toEqual(['r1#1@0', 'r2#1@0', 'r1#2@250']);
  });

  it('sends a state change at once', () => {
    const { clock, sent, throttle } = setUp();
    throttle.push('r1', { id: 'r1', n: 1, state: 'moving' });
    clock.advance(10);
    throttle.push('r1', { id: 'r1', n: 2, state: 'moving' });
    throttle.push('r1', { id: 'r1', n: 3, state: 'error' });
    clock.advance(1000);
    expect(sent).toEqual(['r1#1@0', 'r1#3@10']);
  });

  it('sends nothing more once stopped', () => {
    const { clock, sent, throttle } = setUp();
    throttle.push('r1', { id: 'r1', n: 1, state: 'moving' });
    throttle.push('r1', { id: 'r1', n: 2, state: 'moving' });
    throttle.stop();
    clock.advance(1000);
    expect(sent).toEqual(['r1#1@0']);
  });
});
