import type { INestApplication } from '@nestjs/common';

/**
 * REST lives under /api; /health stays at the root for probes, and /fhir is a FHIR base URL of its own
 * (clients append `Task`, `Task/<id>`).
 */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['health', 'fhir', 'fhir/{*path}'] });
}
