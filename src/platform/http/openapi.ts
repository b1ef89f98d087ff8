import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_BEARER_SCHEME = 'bearer';

export interface OpenApiOptions {
  readonly version?: string;
}

/**
 * Swagger UI at /docs and the document at /docs-json. Every operation requires the
 * bearer scheme unless it is @Public(). Call before init()/listen(): routes added after
 * init() land behind Nest's 404 handler.
 */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions = {}): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Redaksi API')
    .setDescription('Event-sourced editorial workflow for newsrooms. Errors are application/problem+json (RFC 9457).')
    .setVersion(options.version ?? '1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key from the keys file (REDAKSI_API_KEYS_FILE)' },
      OPENAPI_BEARER_SCHEME,
    )
    .addSecurityRequirements(OPENAPI_BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
  return document;
}
