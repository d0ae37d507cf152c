/**
 * Writes docs/openapi/scep-validation.json: the validation API's part of the spec, generated
 * from the same controllers and contracts the cloud serves at /api/docs.
 * Run after a build: `node apps/mdm-cloud/dist/scep-validation/write-openapi.js`.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConnectorsService } from '../connectors/connectors.service';
import { ScepIssuanceController } from './issuance.controller';
import { ScepIssuanceService } from './issuance.service';
import { openApiDocument } from './openapi';
import { ScepValidationController } from './validation.controller';
import { ScepValidationService } from './validation.service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

// Only the routes' metadata is read: the services behind them are never called here.
const unused = {};
@Module({
  controllers: [ScepValidationController, ScepIssuanceController],
  providers: [
    { provide: ScepValidationService, useValue: unused },
    { provide: ScepIssuanceService, useValue: unused },
    { provide: ConnectorsService, useValue: unused },
  ],
})
class ScepValidationDocs {}

async function main(): Promise<void> {
  const app = await NestFactory.create(ScepValidationDocs, { logger: false });
  app.setGlobalPrefix('api');
  const doc = openApiDocument(app, version);
  const out = resolve(__dirname, '../../../../docs/openapi/scep-validation.json');
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  await app.close();
  process.stdout.write(`wrote ${out}\n`);
}

void main();
