import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AppException, Authenticated, isUuid, Public, RequestContext, runInTenant } from '@oversing/platform';
import { CreateExportDto, ExportEnvelopeDto, ExportListEnvelopeDto } from './dto/export.dto';
import { DownloadLinkParams, ExportLinkSigner } from './export-link-signer';
import { ExportsService } from './exports.service';

@ApiTags('exports')
@Controller('api/v1/exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly signer: ExportLinkSigner,
  ) {}

  @Post()
  @HttpCode(202)
  @Authenticated()
  @ApiAcceptedResponse({
    type: ExportEnvelopeDto,
    description: 'Queued; poll GET /api/v1/exports/{id} for progress and, once completed, the download link',
  })
  async create(@Body() dto: CreateExportDto): Promise<Record<string, unknown>> {
    return this.exports.present(await this.exports.create(RequestContext.principal()!, dto));
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: ExportListEnvelopeDto, description: "The caller's latest 20 exports, newest first" })
  async list(): Promise<Record<string, unknown>[]> {
    return (await this.exports.listOwn(RequestContext.principal()!)).map((e) => this.exports.present(e));
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: ExportEnvelopeDto })
  async get(@Param('id') id: string): Promise<Record<string, unknown>> {
    return this.exports.present(await this.exports.get(RequestContext.principal()!, id));
  }

  /** The signed link from GET /api/v1/exports/{id}: no token needed, so a browser can simply follow it. */
  @Get(':id/download')
  @Public()
  @ApiQuery({ name: 'tenant', required: true })
  @ApiQuery({ name: 'expires', required: true })
  @ApiQuery({ name: 'signature', required: true })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The file, as an attachment' })
  async download(
    @Param('id') id: string,
    @Query() query: Partial<DownloadLinkParams>,
  ): Promise<StreamableFile> {
    if (!isUuid(id) || !isUuid(query.tenant) || !this.signer.verify(id, query))
      throw AppException.forbidden('The download link is invalid or has expired: ask for the export again');
    const { entity, chunks } = await runInTenant(query.tenant, () => this.exports.download(id));
    return new StreamableFile(Readable.from(chunks), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${entity.fileName}"`,
      length: entity.byteSize === null ? undefined : Number(entity.byteSize),
    });
  }
}
