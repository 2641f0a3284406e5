import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { CertificateBundle } from '@oversing/verifier';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, Enveloped, RawBody } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { CertificationsService } from './certifications.service';
import {
  CertificationArrayEnvelopeDto,
  CertificationAuditEntryDto,
  CertificationAuditEnvelopeDto,
  CertificationDto,
  CertificationEnvelopeDto,
  CertificationListEnvelopeDto,
  CertificationVerificationDto,
  CertificationVerificationEnvelopeDto,
  DecisionReasonDto,
  RequestTaskCertificationDto,
} from './dto/certification.dto';

/**
 * Certifications through the API (one base URL, one token): listed from the API's copy, everything else
 * done by the certification service on the caller's behalf, the caller staying the recorded actor.
 */
@ApiTags('certifications')
@Controller('api/v1/certifications')
export class CertificationsController {
  constructor(private readonly certifications: CertificationsService) {}

  @Get()
  @Authenticated({ permission: Permission.CertificationsRead })
  @ApiOperation({ summary: "The tenant's certifications with their current status (the review queue)" })
  @ApiQuery({ name: 'filter[status]', required: false, description: 'comma-separated, e.g. pending_review' })
  @ApiQuery({ name: 'filter[task]', required: false, description: 'task id' })
  @ApiQuery({ name: 'filter[program]', required: false, description: "program id (the task's program)" })
  @ApiQuery({ name: 'filter[risk_min]', required: false, description: '0..1, inclusive' })
  @ApiQuery({ name: 'filter[risk_max]', required: false, description: '0..1, inclusive' })
  @ApiQuery({ name: 'filter[created_from]', required: false, description: 'ISO 8601, inclusive' })
  @ApiQuery({ name: 'filter[created_to]', required: false, description: 'ISO 8601, exclusive' })
  @ApiQuery({ name: 'filter[policy]', required: false, description: 'policy key' })
  @ApiQuery({ name: 'filter[rule]', required: false, description: 'name of a policy rule the output failed' })
  @ApiQuery({
    name: 'sort',
    required: false,
    description: 'created_at, status_at, risk_score; - for descending (default -created_at)',
  })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: CertificationListEnvelopeDto })
  list(@Query() query: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    return this.certifications.list(query);
  }

  @Post()
  @Authenticated({ permission: Permission.CertificationsWrite })
  @ApiOperation({ summary: "Certify a task's llm_output under a policy (the caller is the requester)" })
  @ApiCreatedResponse({ type: CertificationEnvelopeDto })
  request(@Body() dto: RequestTaskCertificationDto): Promise<CertificationDto> {
    return this.certifications.request(dto.task_id, dto.policy_key);
  }

  @Get(':id')
  @Authenticated({ permission: Permission.CertificationsRead })
  @ApiOperation({
    summary: 'One certification with its policy results (the view is recorded for the caller)',
  })
  @ApiOkResponse({ type: CertificationEnvelopeDto })
  get(@Param('id') id: string): Promise<CertificationDto> {
    return this.certifications.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authenticated({ permission: Permission.CertificationsReview })
  @ApiOperation({ summary: 'Approve a certification pending review (four-eyes: not its requester)' })
  @ApiOkResponse({ type: CertificationEnvelopeDto })
  approve(@Param('id') id: string, @Body() dto: DecisionReasonDto): Promise<CertificationDto> {
    return this.certifications.decide(id, 'approve', dto.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authenticated({ permission: Permission.CertificationsReview })
  @ApiOperation({ summary: 'Reject a certification pending review (four-eyes: not its requester)' })
  @ApiOkResponse({ type: CertificationEnvelopeDto })
  reject(@Param('id') id: string, @Body() dto: DecisionReasonDto): Promise<CertificationDto> {
    return this.certifications.decide(id, 'reject', dto.reason);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Authenticated({ permission: Permission.CertificationsRevoke })
  @ApiOperation({ summary: 'Revoke a certification (appends a revocation to the log)' })
  @ApiOkResponse({ type: CertificationEnvelopeDto })
  revoke(@Param('id') id: string, @Body() dto: DecisionReasonDto): Promise<CertificationDto> {
    return this.certifications.decide(id, 'revoke', dto.reason);
  }

  @Get(':id/audit')
  @Authenticated({ permission: Permission.AuditRead })
  @ApiOperation({ summary: 'Status changes and views of the certification (who, when, why)' })
  @ApiOkResponse({ type: CertificationAuditEnvelopeDto })
  audit(@Param('id') id: string): Promise<CertificationAuditEntryDto[]> {
    return this.certifications.audit(id);
  }

  @Get(':id/versions')
  @Authenticated({ permission: Permission.CertificationsRead })
  @ApiOperation({ summary: 'Every certified version of this output, oldest first' })
  @ApiOkResponse({ type: CertificationArrayEnvelopeDto })
  versions(@Param('id') id: string): Promise<CertificationDto[]> {
    return this.certifications.versions(id);
  }

  @Get(':id/bundle')
  @Authenticated({ permission: Permission.CertificationsRead })
  @ApiOperation({
    summary:
      'The bundle itself (no envelope, downloaded as an attachment): verify it as is with `npm run verify -- bundle.json --trust trust.json`',
  })
  @ApiOkResponse({ description: 'The certificate bundle (docs/VERIFYING.md)', schema: { type: 'object' } })
  async bundle(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RawBody<CertificateBundle>> {
    const bundle = await this.certifications.bundle(id);
    const number = bundle.certificate?.payload?.number;
    const name = typeof number === 'string' ? number : id;
    void reply.header(
      'content-disposition',
      `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.bundle.json"`,
    );
    return new RawBody(bundle);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Authenticated({ permission: Permission.CertificationsRead })
  @ApiOperation({ summary: 'Verify the certificate on the server (the same checks as offline)' })
  @ApiOkResponse({ type: CertificationVerificationEnvelopeDto })
  verify(@Param('id') id: string): Promise<CertificationVerificationDto> {
    return this.certifications.verify(id);
  }
}
