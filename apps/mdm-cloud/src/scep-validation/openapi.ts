import { SCEP_VALIDATION_BASE_PATH } from '@certlab/contracts';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule, type SwaggerDocumentOptions } from '@nestjs/swagger';

const DESCRIPTION = `The cloud's HTTP API. The SCEP validation service (\`${SCEP_VALIDATION_BASE_PATH}/…\`) is Intune's
ScepRequestValidationFEService as the Intune-Resource-Access library calls it: it is served on the
device port (DEVICE_PORT, default 3443) over TLS with a connector certificate from registration,
never on the admin port. The admin routes need a console session cookie.`;

export function openApiDocument(app: INestApplication, version: string, options?: SwaggerDocumentOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('certlab cloud (the Intune service)')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .addServer('https://127.0.0.1:3443', 'device and connector channel (mTLS)')
    .addServer('http://127.0.0.1:3000', 'admin API (console session)')
    .build();
  return SwaggerModule.createDocument(app, config, options);
}

/** Serves the spec at /api/docs (UI) and /api/docs-json; both are public, like the spec of any API. */
export function serveOpenApi(app: INestApplication, version: string): void {
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, version), { jsonDocumentUrl: 'api/docs-json', raw: ['json'] });
}
