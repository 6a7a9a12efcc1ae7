import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/robot-sim/src/cli.js');

/**
 * The simulator as the api starts it: the broker in SIM_BROKER_URL (its login kept off a command line every user of
 * the machine can read), nothing on the command line. The built CLI, so its own wiring of the environment is what runs.
 */
describe('robot-sim takes its broker from SIM_BROKER_URL (e2e: the built CLI)', () => {
  it('connects to the broker SIM_BROKER_URL names, and says which without its login', () => {
    // a port nothing listens on: the start line comes before the first attempt; then it is stopped
    const run = spawnSync(process.execPath, [CLI, '--robots', '1'], { env: { SIM_BROKER_URL: 'mqtt://opiekun:s3cret@127.0.0.1:1' }, encoding: 'utf8', timeout: 3_000, killSignal: 'SIGKILL' });
    const said = `${run.stdout}${run.stderr}`;
    expect(said).toContain('broker mqtt://127.0.0.1:1,');
    expect(said).not.toContain('s3cret');
  });

  it('refuses a SIM_BROKER_URL that is no URL, naming the variable and not its login', () => {
    const run = spawnSync(process.execPath, [CLI], { env: { SIM_BROKER_URL: 'mqtt://u:s3cret@bro ker' }, encoding: 'utf8', timeout: 3_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SIM_BROKER_URL must be a URL');
    expect(run.stderr).not.toContain('s3cret');
  });
});
