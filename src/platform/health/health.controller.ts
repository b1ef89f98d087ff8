import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, type ApiResponseSchemaHost, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { Public } from '../auth/decorators.js';
import { HealthRegistry } from './health.registry.js';

const REPORT_SCHEMA: ApiResponseSchemaHost['schema'] = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', enum: ['ok', 'error'] }, details: { type: 'object' } },
      },
    },
  },
};

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and the health of registered dependencies' })
  @ApiOkResponse({ description: 'Every check passed', schema: REPORT_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'At least one check failed', schema: REPORT_SCHEMA })
  async health(@Res() response: ServerResponse): Promise<void> {
    const report = await this.registry.run();
    // Written directly: the status depends on the report, and a failing report is a
    // health answer, not an error problem.
    response.statusCode = report.status === 'ok' ? 200 : 503;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(JSON.stringify(report));
  }
}
