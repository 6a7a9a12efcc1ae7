import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config';
import { serveDashboard } from '../live/dashboard-static';
import { setApiPrefix } from './global-prefix';
import { HttpTraffic } from './limits/http-traffic';
import { bodyErrors, depthGuard, JSON_MEDIA_TYPES, jsonOnly, reservedKeyGuard } from './limits/json-limits';
import { ApiValidationPipe } from './limits/query-once.pipe';

/** Everything HTTP the api sets up before it listens: limits, prefix, dashboard files, validation, OpenAPI. */
export function setUpHttp(app: NestExpressApplication, config: AppConfig): void {
  // Before Nest's own parsers: every request is watched (refusals counted, shutdown drains), bodies are bounded in
  // size and depth, and what the parser refuses is answered as JSON.
  app.use(app.get(HttpTraffic).middleware);
  app.use(jsonOnly());
  // every type jsonOnly lets through is read (a +json body used to arrive empty: "every field missing")
  app.useBodyParser('json', { limit: `${config.HTTP_BODY_LIMIT_KB}kb`, type: JSON_MEDIA_TYPES });
  app.use(depthGuard());
  app.use(reservedKeyGuard());
  app.use(bodyErrors);
  setApiPrefix(app);
  serveDashboard(app);
  app.useGlobalPipes(new ApiValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().addBearerAuth().setTitle('Opiekun API').setDescription('Care-centre operations: tasks, robots, facility').setVersion('0.1.0').build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
