// `npm run soak -- [--hours H] [--seed S] …` (see SOAK_USAGE): the chaos soak from the command line.
import { runSoak, type SoakReport } from './soak';
import { parseSoakArgs, SOAK_USAGE } from './soak-options';

export function formatReport(report: SoakReport): string {
  const { database: db, wire, memory, faults, shift } = report;
  const rows: [string, string | number][] = [
    ['simulated shift', `${report.simHours} h at ×${report.options.timeScale}, seed ${report.options.seed}, ${report.wallS} s wall`],
    ['api killed (kill -9) and restarted', faults.apiKills],
    ['broker restarts', `${faults.brokerRestarts} (${report.options.broker})`],
    ['robot connection drops', faults.robotDrops],
    ['malformed messages sent / refused and counted', `${faults.garbageSent} / ${faults.garbageCounted}`],
    ['tasks raised over REST (retried while the api was down)', `${shift.raised} (${shift.retries} retries, ${shift.replayed} answered from the idempotency key)`],
    ['medication steps a nurse confirmed (load, handover, return)', shift.nurseConfirmations],
    ['tasks in the database', `${db.tasks}${db.returns ? ` (${db.returns} loads taken back to the pharmacy)` : ''}`],
    ['  completed', db.completed],
    ['  cancelled (staff)', db.cancelled],
    ['  escalated to staff', db.withStaff],
    ['  lost (raised, not stored)', db.missing.length],
    ['  unfinished for the fleet', db.unfinished.length],
    ['  stored twice', db.unexpected.length],
    ['failed over to another robot', db.failedOver],
    ...Object.entries(db.attemptEnds).map(([why, n]): [string, number] => [`  attempts ended: ${why}`, n]),
    ['done twice (two robots finished all its work)', wire.doneTwice.length],
    ['worked by two robots at once', wire.workedConcurrently.length],
    ['completed twice (database)', db.completedTwice.length],
    ['orders/instant actions failing the schema', wire.invalidOutbound],
    ['robot-topic messages failing the schema (the garbage, seen on the wire)', wire.invalidInbound],
    ['MQTT messages seen', Object.entries(wire.messages).map(([t, n]) => `${t} ${n}`).join(', ')],
    ['api memory (RSS)', `max ${memory.maxRssMb} MB; longest run ${memory.longestLifeS} s: ${memory.middleThirdMb} → ${memory.lastThirdMb} MB (${memory.bounded ? 'bounded' : 'GROWING'})`],
    ['api RSS per life, MB (first/max/last over s)', memory.lives.map((l) => `${Math.round(l.firstMb)}/${Math.round(l.maxMb)}/${Math.round(l.lastMb)} (${Math.round(l.seconds)} s)`).join(', ')],
    ['outbox at the end', db.outbox],
    ['api exit on SIGTERM', report.gracefulExit ? 'clean (0)' : 'NOT clean'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  const verdict = report.failures.length === 0 ? 'SOAK PASSED' : `SOAK FAILED\n  - ${report.failures.join('\n  - ')}\n  logs and database: ${report.workDir}`;
  return `${lines.join('\n')}\n${verdict}`;
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${SOAK_USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') return void process.stdout.write(`${SOAK_USAGE}\n`);
  const report = await runSoak(options, (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`));
  process.stdout.write(`\n${formatReport(report)}\n`);
  process.exit(report.failures.length === 0 ? 0 : 1);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`soak: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
