import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CertificateBundle } from '@oversing/verifier';
import {
  AppException,
  Authenticated,
  Enveloped,
  IdempotencyStoredByWrite,
  isUuid,
  RawBody,
} from '@oversing/platform';
import { CertificationPermission as P } from '../access/role-permissions';
import { CertificationsService, toCertificationView } from './certifications.service';
import { CertifyDto, ReviewDto, RevokeDto } from './certification.dto';

const STATUSES = ['certified', 'pending_review', 'approved', 'rejected', 'revoked', 'expired'];

function checkId(id: string): string {
  if (!isUuid(id)) throw AppException.notFound('Certification');
  return id;
}

function date(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw AppException.validation([{ field, message: 'must be an ISO 8601 date' }]);
  return d;
}

function cursorOf(value: string | undefined): { created_at: Date; id: string } | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed)) throw new Error('not a pair');
    const [at, id] = parsed as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id) || Number.isNaN(Date.parse(at))) {
      throw new Error('bad cursor');
    }
    return { created_at: new Date(at), id };
  } catch {
    throw AppException.validation([{ field: 'cursor', message: 'is not a valid cursor' }]);
  }
}

@ApiTags('certifications')
@Controller('api/v1/certifications')
export class CertificationsController {
  constructor(private readonly service: CertificationsService) {}

  @Post()
  @Authenticated({ permission: P.Write })
  // group-committed: the batch's transaction claims the Idempotency-Key and stores the response
  @IdempotencyStoredByWrite()
  @ApiOperation({ summary: 'Evaluate an LLM output against a policy, sign and log a certificate' })
  certify(@Body() dto: CertifyDto): ReturnType<CertificationsService['certify']> {
    return this.service.certify(dto);
  }

  @Get()
  @Authenticated({ permission: P.Read })
  @ApiOperation({
    summary: 'List certifications (filters: status, task_id, request_id, created_from, created_to; cursor)',
  })
  async list(@Query() query: Record<string, string>): Promise<Enveloped<unknown>> {
    if (query.status !== undefined && !STATUSES.includes(query.status)) {
      throw AppException.validation([{ field: 'status', message: `must be one of ${STATUSES.join(', ')}` }]);
    }
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw AppException.validation([{ field: 'limit', message: 'must be an integer in 1..200' }]);
    }
    const rows = await this.service.list({
      status: query.status,
      task_id: query.task_id,
      request_id: query.request_id,
      created_from: date(query.created_from, 'created_from'),
      created_to: date(query.created_to, 'created_to'),
      after: cursorOf(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.created_at.toISOString(), last.id])).toString('base64url')
        : null;
    return new Enveloped(
      page.map(toCertificationView),
      { next_cursor: next, limit },
      {
        next: next ? `/api/v1/certifications?cursor=${next}&limit=${limit}` : null,
      },
    );
  }

  @Get(':id')
  @Authenticated({ permission: P.Read })
  @ApiOperation({ summary: 'One certification (the view is recorded in its audit trail)' })
  get(@Param('id') id: string): ReturnType<CertificationsService['get']> {
    return this.service.get(checkId(id));
  }

  @Get(':id/bundle')
  @Authenticated({ permission: P.Read })
  @ApiOperation({
    summary:
      'The bundle itself (no envelope, downloaded as an attachment): verify it as is with `npm run verify -- bundle.json --trust trust.json`',
  })
  @ApiOkResponse({ description: 'The certificate bundle (docs/VERIFYING.md)', schema: { type: 'object' } })
  async bundle(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RawBody<CertificateBundle>> {
    const bundle = await this.service.bundle(checkId(id));
    const number =
      typeof bundle.certificate.payload.number === 'string' ? bundle.certificate.payload.number : id;
    reply.header(
      'content-disposition',
      `attachment; filename="${number.replace(/[^A-Za-z0-9._-]/g, '_')}.bundle.json"`,
    );
    return new RawBody(bundle);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Authenticated({ permission: P.Read })
  @ApiOperation({
    summary: 'Verify signature, hashes, policy, inclusion, checkpoint, timestamp, revocation, expiry',
  })
  verify(@Param('id') id: string): ReturnType<CertificationsService['verify']> {
    return this.service.verify(checkId(id));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Authenticated({ permission: P.Revoke })
  @ApiOperation({ summary: 'Revoke (compliance officers); appends a revocation to the log' })
  revoke(@Param('id') id: string, @Body() dto: RevokeDto): ReturnType<CertificationsService['revoke']> {
    return this.service.revoke(checkId(id), dto.reason);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authenticated({ permission: P.Review })
  @ApiOperation({ summary: 'Approve a certification pending human review' })
  approve(@Param('id') id: string, @Body() dto: ReviewDto): ReturnType<CertificationsService['approve']> {
    return this.service.approve(checkId(id), dto.reason ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authenticated({ permission: P.Review })
  @ApiOperation({ summary: 'Reject a certification pending human review' })
  reject(@Param('id') id: string, @Body() dto: ReviewDto): ReturnType<CertificationsService['reject']> {
    return this.service.reject(checkId(id), dto.reason ?? null);
  }

  @Post(':id/content/erase')
  @HttpCode(200)
  @Authenticated({ permission: P.SubjectErase })
  @ApiOperation({
    summary:
      'Crypto-shred the stored input and output of a certification (tenant admins): its data key is destroyed and the erasure logged; the certificate, its hashes and every proof still verify',
  })
  eraseContent(@Param('id') id: string): ReturnType<CertificationsService['eraseContent']> {
    return this.service.eraseContent(checkId(id));
  }

  @Get(':id/versions')
  @Authenticated({ permission: P.Read })
  @ApiOperation({ summary: 'Every certified version of this output, oldest first' })
  versions(@Param('id') id: string): ReturnType<CertificationsService['versions']> {
    return this.service.versions(checkId(id));
  }

  @Get(':id/audit')
  @Authenticated({ permission: P.AuditRead })
  @ApiOperation({ summary: 'Status changes and views (who, ip, user agent) of this certification' })
  audit(@Param('id') id: string): ReturnType<CertificationsService['audit']> {
    return this.service.audit(checkId(id));
  }
}
