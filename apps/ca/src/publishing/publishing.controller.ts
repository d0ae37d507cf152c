import { MIME_OCSP_RESPONSE } from '@certlab/pki-core';
import { Public } from '@certlab/service-kit';
import { Controller, Get, Header, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CaErrors } from '../errors';
import { HierarchyService } from '../hierarchy/hierarchy.service';
import { CrlService } from './crl.service';
import { OcspService } from './ocsp.service';

/** Paths outside the /api prefix, where AD CS publishes over plain HTTP. */
export const PUBLISHING_PATHS = ['crl/:file', 'aia/:file', 'ocsp', 'ocsp/{*request}'];

function caFrom(file: string, ext: string): string {
  if (!file.endsWith(ext)) throw CaErrors.unknownCa(`expected <ca-name>${ext}`);
  return file.slice(0, -ext.length);
}

/** CDP, AIA and OCSP: anyone may fetch them; relying parties have no credentials. */
@Public()
@Controller()
export class PublishingController {
  constructor(
    private readonly crls: CrlService,
    private readonly hierarchy: HierarchyService,
    private readonly ocsp: OcspService,
  ) {}

  @Get('crl/:file')
  @Header('Content-Type', 'application/pkix-crl')
  @Header('Cache-Control', 'no-cache')
  crl(@Param('file') file: string): StreamableFile {
    const ca = caFrom(file, '.crl');
    if (!this.hierarchy.has(ca)) throw CaErrors.crlNotFound(`"${ca}" is not a CA of this hierarchy`);
    return new StreamableFile(Buffer.from(this.crls.current(ca).der));
  }

  @Get('aia/:file')
  @Header('Content-Type', 'application/pkix-cert')
  aia(@Param('file') file: string): StreamableFile {
    return new StreamableFile(Buffer.from(this.hierarchy.get(caFrom(file, '.crt')).certificate.der));
  }

  /** RFC 6960 Appendix A.1: POST with the DER body. */
  @Post('ocsp')
  async ocspPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    res.status(200).type(MIME_OCSP_RESPONSE).send(Buffer.from(await this.ocsp.answer(body)));
  }

  /** RFC 6960 Appendix A.1: GET {url}/{url-encoding of base-64 encoding of the DER request}. */
  @Get('ocsp/{*request}')
  async ocspGet(@Req() req: Request, @Res() res: Response): Promise<void> {
    const encoded = req.path.replace(/^\/ocsp\//, '');
    const der = new Uint8Array(Buffer.from(decodeURIComponent(encoded), 'base64'));
    res.status(200).type(MIME_OCSP_RESPONSE).send(Buffer.from(await this.ocsp.answer(der)));
  }
}
