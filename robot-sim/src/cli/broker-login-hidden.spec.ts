import { parseCliOptions, startupLine, USAGE, type CliParse } from './cli-options';

const ROOT = '/repo';
const SECRET = /opiekun:|s3cret/;

/** What the simulator prints for a refused command line: the message, then the usage (cli.ts, `fail`). */
function refusal(parsed: CliParse): string {
  if (parsed.kind !== 'error') throw new Error(`expected a refusal, got ${parsed.kind}`);
  return `${parsed.message}\n\n${USAGE}`;
}

describe('robot-sim never prints the broker login (--broker mqtt://user:password@host)', () => {
  it('starts with the broker named without its login', () => {
    const parsed = parseCliOptions(['--broker', 'mqtts://opiekun:s3cret@broker.local:8883', '--time-scale', '10'], ROOT);
    if (parsed.kind !== 'run') throw new Error(`expected a run, got ${parsed.kind}`);
    // The fleet still logs in with it; only what is shown goes without.
    expect(parsed.options.brokerUrl).toBe('mqtts://opiekun:s3cret@broker.local:8883');
    const line = startupLine(6, parsed.options);
    expect(line).toContain('broker mqtts://broker.local:8883, time ×10');
    expect(line).not.toMatch(SECRET);
  });

  it('refuses a broker URL that is no URL without repeating its login', () => {
    const shown = refusal(parseCliOptions(['--broker', 'mqtt://opiekun:s3cret@bro ker:1883'], ROOT));
    expect(shown).toContain('got "mqtt://bro ker:1883"');
    expect(shown).not.toMatch(SECRET);
  });

  it('refuses a broker URL given without --broker without repeating its login', () => {
    const shown = refusal(parseCliOptions(['mqtt://opiekun:s3cret@broker.local:1883'], ROOT));
    expect(shown).toContain("'mqtt://broker.local:1883'");
    expect(shown).not.toMatch(SECRET);
  });
});

describe('robot-sim takes its broker from SIM_BROKER_URL (a login kept off the command line)', () => {
  it('when --broker is not given', () => {
    const parsed = parseCliOptions([], ROOT, { SIM_BROKER_URL: 'mqtt://opiekun:s3cret@broker.local:1883' });
    if (parsed.kind !== 'run') throw new Error(parsed.kind);
    expect(parsed.options.brokerUrl).toBe('mqtt://opiekun:s3cret@broker.local:1883');
  });

  it('--broker wins over it, and without either the local broker', () => {
    const flagged = parseCliOptions(['--broker', 'mqtt://127.0.0.1:2883'], ROOT, { SIM_BROKER_URL: 'mqtt://elsewhere:1883' });
    const neither = parseCliOptions([], ROOT, {});
    if (flagged.kind !== 'run' || neither.kind !== 'run') throw new Error('not run');
    expect(flagged.options.brokerUrl).toBe('mqtt://127.0.0.1:2883');
    expect(neither.options.brokerUrl).toBe('mqtt://127.0.0.1:1883');
  });
});
