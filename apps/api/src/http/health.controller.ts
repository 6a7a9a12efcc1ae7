import { Controller, Get, HttpStatus, Inject, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { FleetIngress } from '../fleet/fleet-ingress';
import { MqttRobotLink } from '../fleet/mqtt-robot-link.adapter';
import { eventLoopDelay, startEventLoopMonitor } from './event-loop-delay';
import { HttpTraffic } from './limits/http-traffic';
import { BROKER_INFO, type BrokerInfo } from '../tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
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
    const database = await this.db.query('SELECT 1 AS ok').then(
      () => ({ up: true }),
      (error: Error) => ({ up: false, error: error.message }),
    );
    const broker = {
      up: this.link.connected,
      mode: this.broker.mode,
      url: this.broker.url,
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
}
