import { Controller, Get, HttpStatus, Inject, Logger, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { withoutUserInfo } from '@opiekun/vda5050';
import { FleetIngress } from '../fleet/fleet-ingress';
import { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';
import { eventLoopDelay, startEventLoopMonitor } from './event-loop-delay';
import { HttpTraffic } from './limits/http-traffic';
import { BROKER_INFO, type BrokerInfo } from '../tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /** The database's last failure, logged once until it answers again (health is polled every few seconds). */
  private databaseFailure?: string;

  constructor(
    private readonly db: DataSource,
    private readonly link: MqttRobotLink,
    @Inject(BROKER_INFO) private readonly broker: BrokerInfo,
    private readonly ingress: FleetIngress,
    private readonly traffic: HttpTraffic,
  ) {
    startEventLoopMonitor();
  }

  @Get()
  @ApiOkResponse({ description: 'Database and broker are up' })
  @ApiServiceUnavailableResponse({ description: 'Database or broker is down' })
  async health(@Res({ passthrough: true }) res: Response, @Query('eventLoopReset') eventLoopReset?: string) {
    const database = await this.databaseCheck();
    const broker = {
      up: this.link.connected,
      mode: this.broker.mode,
      // (MQTT_URL may carry a login: mqtt://user:pass@host)
      url: withoutUserInfo(this.broker.url),
      // Refused robot messages by reason, and valid ones dropped as duplicates or older than what we had.
      rejectedMessages: this.link.rejectedCounts(),
      droppedMessages: this.ingress.droppedCounts(),
      // State fields left out as impossible (a charge of -5 %, a position of 1e308 m), by field; the rest was taken.
      implausibleStateFields: this.ingress.implausibleCounts(),
      // Embedded broker only: logins, publishes and subscriptions its access control refused.
      accessRefused: this.broker.refusedCounts?.(),
    };
    const http = { refusedRequests: this.traffic.refusedCounts(), inFlight: this.traffic.inFlight };
    const memory = process.memoryUsage();
    // event-loop delay since start or since the last `?eventLoopReset=true` (bench:e2e measures its own window)
    const runtime = { uptimeS: Math.round(process.uptime()), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, eventLoopDelay: eventLoopDelay(eventLoopReset === 'true') };
    const up = database.up && broker.up;
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'degraded', database, broker, http, process: runtime };
  }

  /** Up or down, and a reason anyone may read: the driver's message (a path, SQL) goes to the log only. */
  private async databaseCheck(): Promise<{ up: boolean; reason?: string }> {
    try {
      await this.db.query('SELECT 1 AS ok');
      this.databaseFailure = undefined;
      return { up: true };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (detail !== this.databaseFailure) this.logger.error(`database check failed: ${detail}`);
      this.databaseFailure = detail;
      return { up: false, reason: 'the database did not answer (the api log has the detail)' };
    }
  }
}
