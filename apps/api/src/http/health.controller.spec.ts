import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { FleetIngress } from '../fleet/fleet-ingress';
import type { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';
import type { BrokerInfo } from '../tokens';
import { HealthController } from './health.controller';
import type { HttpTraffic } from './limits/http-traffic';

/** /health answers anyone: it must not hand out the broker's login or the database driver's own words. */
describe('GET /health: nothing secret in the answer', () => {
  const link = { connected: true, rejectedCounts: () => ({}) } as unknown as MqttRobotLink;
  const ingress = { droppedCounts: () => ({}), implausibleCounts: () => ({}) } as unknown as FleetIngress;
  const traffic = { refusedCounts: () => ({}), inFlight: 0 } as unknown as HttpTraffic;
  const broker: BrokerInfo = { mode: 'external', url: 'mqtt://opiekun:s3cret-pass@broker.local:1883' };
  const response = () => {
    const res = { statusCode: 0, status: (code: number) => ((res.statusCode = code), res) };
    return res;
  };
  let logged: string[];

  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
  });

  afterEach(() => jest.restoreAllMocks());

  it('shows the broker URL without its user info', async () => {
    const db = { query: () => Promise.resolve([{ ok: 1 }]) } as unknown as DataSource;
    const res = response();
    const body = await new HealthController(db, link, broker, ingress, traffic).health(res as unknown as Response);
    expect(res.statusCode).toBe(200);
    expect(body.broker.url).toBe('mqtt://broker.local:1883');
    expect(JSON.stringify(body)).not.toMatch(/s3cret|opiekun:/);
  });

  it('says the database is down with a generic reason and logs the detail once, not on every poll', async () => {
    const detail = 'SQLITE_CANTOPEN: unable to open database file /srv/opiekun/secret-dir/db.sqlite';
    const db = { query: () => Promise.reject(new Error(detail)) } as unknown as DataSource;
    const controller = new HealthController(db, link, broker, ingress, traffic);
    const res = response();
    const body = await controller.health(res as unknown as Response);
    expect(res.statusCode).toBe(503);
    expect(body.database).toEqual({ up: false, reason: 'the database did not answer (the api log has the detail)' });
    expect(JSON.stringify(body)).not.toContain('SQLITE');
    await controller.health(response() as unknown as Response);
    expect(logged).toEqual([`database check failed: ${detail}`]);
  });
});
