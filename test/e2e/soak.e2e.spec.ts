import { runSoak } from '../soak/soak';
import { soakOptions } from '../soak/soak-options';

/**
 * Issue 6, "The proof", short: the chaos soak (`npm run soak`, README "Chaos soak") over the first hour of the demo
 * shift at ×90 (40 s of shift, about 1.5 min in all) — api, broker and simulator as separate processes (built by `npm run build`), the api killed with
 * SIGKILL and restarted three times, the broker killed and restarted, 10 % of the robots cut off the network at
 * random for random spans, robots rejecting orders and failing actions, 1,000 malformed messages on the robots'
 * topics. Then, from the database and the MQTT traffic: nothing lost, nothing done twice, every malformed message
 * refused and counted, memory bounded, the api up.
 */
describe('chaos soak, short (an hour of the shift)', () => {
  jest.setTimeout(300_000);

  it('loses no task, does none twice, refuses every malformed message and stays up through crashes and outages', async () => {
    const report = await runSoak(soakOptions(1, { timeScale: 90, drainS: 60 }));
    const summary = JSON.stringify({ failures: report.failures, faults: report.faults, workDir: report.workDir });

    expect({ failures: report.failures, summary }).toEqual({ failures: [], summary });
    expect(report.faults.apiKills).toBeGreaterThanOrEqual(3);
    expect(report.faults.brokerRestarts).toBeGreaterThanOrEqual(1);
    expect(report.faults.robotDrops).toBeGreaterThanOrEqual(3);
    expect(report.faults.garbageSent).toBe(1000);
    expect(report.faults.garbageCounted).toBe(1000);
    expect(report.shift.raised).toBeGreaterThan(40);
    expect(report.database.tasks - report.database.returns).toBe(report.shift.raised);
    expect(report.database.missing).toEqual([]);
    expect(report.database.unfinished).toEqual([]);
    expect(report.database.completedTwice).toEqual([]);
    expect(report.database.completed).toBeGreaterThan(report.shift.raised / 2);
    expect(report.wire.doneTwice).toEqual([]);
    expect(report.wire.workedConcurrently).toEqual([]);
    expect(report.wire.invalidOutbound).toBe(0);
    expect(report.memory.bounded).toBe(true);
    expect(report.gracefulExit).toBe(true);
    expect(report.wallS).toBeLessThan(150);
  });
});
