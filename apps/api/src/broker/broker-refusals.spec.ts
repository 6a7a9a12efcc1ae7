import { BrokerRefusals } from './broker-refusals';

describe('BrokerRefusals', () => {
  let now = 0;
  let lines: string[];
  let refusals: BrokerRefusals;

  beforeEach(() => {
    now = 0;
    lines = [];
    refusals = new BrokerRefusals((line) => lines.push(line), () => now);
  });

  it('counts every refusal by kind and logs a client once, however often it retries', () => {
    for (let i = 0; i < 50; i += 1) {
      refusals.refuse('connect', 'robot-7', 'unknown username "x" or wrong password');
      now += 8_000;
    }
    refusals.refuse('publish', 'robot-7', 'vehicle A/1 may not publish on uagv/v2/A/2/state');
    refusals.refuse('subscribe', 'tool', 'monitor may not subscribe to x');
    expect(refusals.snapshot()).toEqual({ connect: 50, publish: 1, subscribe: 1 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/connect refused, client "robot-7": unknown username "x" or wrong password .*\/health broker\.accessRefused/);
    expect(lines[1]).toMatch(/subscribe refused, client "tool"/);
  });

  it('writes at most 20 lines a minute when many clients are refused, then logs again in the next minute', () => {
    for (let i = 0; i < 100; i += 1) refusals.refuse('connect', `scan-${i}`, 'no username');
    expect(lines).toHaveLength(20);
    expect(lines[19]).toMatch(/further refusals this minute are only counted/);
    now += 60_000;
    refusals.refuse('connect', 'scan-100', 'no username');
    refusals.refuse('connect', 'scan-0', 'no username');
    expect(lines).toHaveLength(21);
    expect(refusals.snapshot().connect).toBe(102);
  });

  it('hands out a copy of its counts', () => {
    refusals.snapshot().publish = 99;
    expect(refusals.snapshot().publish).toBe(0);
  });
});
