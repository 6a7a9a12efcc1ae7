import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadFacility } from '@opiekun/domain';
import { AppModule } from '../../../apps/api/src/app.module';
import type { EmbeddedBroker } from '../../../apps/api/src/broker/embedded-broker';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { setUpHttp } from '../../../apps/api/src/http/http-setup';
import { demoFacilityJson } from '../../fixtures/demo-facility';
import { startTestBroker } from './test-broker';


/**
 * The api in the test's process, as main.ts sets it up (HTTP limits, validation, prefix), on loopback ports the OS
 * picks, over a fresh SQLite file and its own embedded broker — with access control and the logins of
 * ./test-broker.ts unless `MQTT_ACCESS_CONTROL: 'false'`. No care data, no simulator. The demo building without its quiet
 * hours (test/fixtures/demo-facility.ts): the tests pass whatever the hour.
 */
export class ApiInProcess {
  private constructor(
    readonly app: NestExpressApplication,
    readonly baseUrl: string,
    readonly brokerUrl: string,
    readonly dbPath: string,
    private readonly broker: EmbeddedBroker,
    private readonly dir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ApiInProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'opiekun-api-'));
    const dbPath = join(dir, 'db.sqlite');
    const config = loadConfig({ DB_PATH: dbPath, SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: 'none', ...env });
    const { broker, url: brokerUrl, info } = await startTestBroker(config.MQTT_ACCESS_CONTROL ? 'enforced' : 'open', config.MQTT_INTERFACE_NAME);
    const facility = loadFacility(demoFacilityJson());
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, facility, info), { logger: false });
    setUpHttp(app, config);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return new ApiInProcess(app, `http://127.0.0.1:${port}`, brokerUrl, dbPath, broker, dir);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const raw = typeof body === 'string' || body === undefined ? body : JSON.stringify(body);
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: raw });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      return { status: response.status, body: { text } };
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.broker.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
