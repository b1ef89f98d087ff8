import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/decorators.js';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * Prometheus text format. Not public, unlike /health: event counts and lags say how busy the newsroom is,
 * and every route but /health needs a key (DESIGN.md). Scrape with an admin or service key
 * (`authorization: {credentials: <token>}` in the scrape config).
 */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Roles('admin', 'service')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Metrics in Prometheus text format (admin or service key)' })
  @ApiOkResponse({ description: 'Prometheus exposition format', content: { 'text/plain': {} } })
  @ApiForbiddenResponse({ description: 'Needs the admin or service role' })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    const body = await this.metrics.metrics();
    response.setHeader('Content-Type', this.metrics.contentType);
    return body;
  }
}
