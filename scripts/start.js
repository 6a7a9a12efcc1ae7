// `npm start`: installs, builds, and runs the api with its embedded broker, SQLite and the simulated demo fleet.
const { spawn } = require('node:child_process');
const { createServer } = require('node:net');
const { join } = require('node:path');
const { setInterval, clearInterval } = require('node:timers');
const { ensureInstalled, build, root } = require('./ensure-installed');

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/**
 * Many machines already run an MQTT broker on 1883. When the user configured neither MQTT_PORT nor MQTT_URL, the demo
 * moves its embedded broker to the next free port instead of failing; an explicit MQTT_PORT is always honoured (and
 * the api exits with a clear message if it is taken).
 */
async function chooseBrokerPort(env) {
  if (env.MQTT_PORT || env.MQTT_URL) return;
  for (let port = 1883; port < 1903; port += 1) {
    if (await portFree(port)) {
      if (port !== 1883) console.log(`Port 1883 is taken (another MQTT broker?): the embedded broker uses ${port}. Set MQTT_PORT or MQTT_URL to choose.`);
      env.MQTT_PORT = String(port);
      return;
    }
  }
}

async function main() {
  ensureInstalled();
  build();
  const env = { ...process.env };
  await chooseBrokerPort(env);
  const api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
  api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // `kill <pid of npm>` ends npm alone, which does not pass the signal on: when this launcher's parent is gone (it is
  // adopted by init), the api is stopped as on SIGTERM instead of running on with nobody to stop it.
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphaned);
    api.kill('SIGTERM');
  }, 1_000);
  orphaned.unref();
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
