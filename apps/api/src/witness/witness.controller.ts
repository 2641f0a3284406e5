import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppException, Public, RawBody } from '@oversing/platform';
import { WitnessService } from './witness.service';

/**
 * The witness's HTTP interface (c2sp.org/tlog-witness). Public like any witness: requests are
 * authenticated by the log's signature on the checkpoint, and cosignatures are public statements.
 */
@ApiTags('witness')
@Controller('api/v1/witness')
export class WitnessController {
  constructor(private readonly witness: WitnessService) {}

  @Post('add-checkpoint')
  @Public()
  @HttpCode(200)
  @ApiConsumes('text/plain')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'tlog-witness add-checkpoint: cosign a checkpoint consistent with the last one cosigned (409 text/x.tlog.size when the old size is stale)',
  })
  async addCheckpoint(
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RawBody<string>> {
    if (typeof body !== 'string') throw AppException.badRequest('send the request as text/plain');
    const outcome = await this.witness.addCheckpoint(body);
    if ('conflictSize' in outcome) {
      reply.status(409).header('content-type', 'text/x.tlog.size');
      return new RawBody(`${outcome.conflictSize}\n`);
    }
    reply.header('content-type', 'text/plain; charset=utf-8');
    return new RawBody(outcome.cosignature);
  }

  @Get('checkpoint')
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'The latest checkpoint the witness cosigned for a log origin, with its cosignature',
  })
  async checkpoint(@Query('origin') origin?: string): Promise<RawBody<string>> {
    if (!origin) throw AppException.validation([{ field: 'origin', message: 'is required' }]);
    return new RawBody(await this.witness.latest(origin));
  }

  @Get('key')
  @Public()
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: "The witness's cosigner verifier key (c2sp.org/tlog-cosignature), for trust files",
  })
  async key(): Promise<RawBody<string>> {
    return new RawBody(`${await this.witness.verifierKey()}\n`);
  }
}
