import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppException, Public, RawBody } from '@oversing/platform';
import { type StatusMapProof, toBase64 } from '@oversing/verifier';
import { KeyStore } from '../keys/key-store.service';
import { TransparencyLog } from './transparency-log.service';

function nonNegativeInt(value: string | undefined, field: string): number {
  if (value === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(value)) {
    throw AppException.validation([{ field, message: 'must be a non-negative integer' }]);
  }
  return Number(value);
}

@ApiTags('transparency log')
@Controller()
export class LogController {
  constructor(
    private readonly log: TransparencyLog,
    private readonly keys: KeyStore,
  ) {}

  @Get('api/v1/log/checkpoint')
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Latest signed checkpoint (c2sp.org/tlog-checkpoint signed note)' })
  async checkpoint(): Promise<RawBody<string>> {
    return new RawBody((await this.log.latest()).note);
  }

  @Get('api/v1/log/proof/inclusion')
  @Public()
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of the leaf at index in the tree of size' })
  async inclusion(
    @Query('index') index?: string,
    @Query('size') size?: string,
  ): Promise<{ index: number; size: number; hashes: string[] }> {
    const i = nonNegativeInt(index, 'index');
    const n = nonNegativeInt(size, 'size');
    return { index: i, size: n, hashes: (await this.log.inclusionProof(i, n)).map(toBase64) };
  }

  @Get('api/v1/log/proof/status')
  @Public()
  @ApiOperation({
    summary:
      "Status map proof of a certification at the latest checkpoint: its latest status leaf (index, leaf hash, status) as committed by the checkpoint's runcible-status-map/v1 line (docs/VERIFYING.md)",
  })
  @ApiQuery({ name: 'certification_id', required: true, description: 'The certification id (UUID)' })
  @ApiQuery({
    name: 'size',
    required: false,
    description: 'The latest checkpoint size (409 when the log has signed a newer checkpoint)',
  })
  async status(
    @Query('certification_id') certificationId?: string,
    @Query('size') size?: string,
  ): Promise<{ size: number; checkpoint: string; proof: StatusMapProof }> {
    if (!certificationId || !/^[0-9a-f-]{36}$/i.test(certificationId)) {
      throw AppException.validation([
        { field: 'certification_id', message: 'must be a certification id (UUID)' },
      ]);
    }
    return this.log.statusProof(
      certificationId,
      size === undefined ? undefined : nonNegativeInt(size, 'size'),
    );
  }

  @Get('api/v1/log/proof/consistency')
  @Public()
  @ApiOperation({ summary: 'RFC 9162 consistency proof between the trees of sizes from and to' })
  async consistency(
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<{ from: number; to: number; hashes: string[] }> {
    const a = nonNegativeInt(from, 'from');
    const b = nonNegativeInt(to, 'to');
    return { from: a, to: b, hashes: (await this.log.consistencyProof(a, b)).map(toBase64) };
  }

  @Get('.well-known/jwks.json')
  @Public()
  @ApiOperation({ summary: 'Certificate signing keys (JWKS), retired keys included' })
  async jwks(): Promise<RawBody<unknown>> {
    return new RawBody(await this.keys.certificateJwks());
  }

  @Get('api/v1/trust')
  @Public()
  @ApiOperation({
    summary: 'Trust file for offline verification: log verifier key, certificate keys, TSA certificate',
  })
  async trust(): Promise<RawBody<unknown>> {
    return new RawBody(await this.keys.trustFile());
  }
}
