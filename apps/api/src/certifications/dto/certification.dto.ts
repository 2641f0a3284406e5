import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { CERTIFICATION_STATUSES } from '../certification-projection.entity';
import type { CertificationStatus } from '../certification-projection.entity';

export class RequestTaskCertificationDto {
  @ApiProperty({ format: 'uuid', description: 'The task whose llm_output is to be certified' })
  @IsUUID('all', { message: 'must be a UUID' })
  task_id: string;

  @ApiProperty({ example: 'default', description: 'Key of the governance policy (its latest version)' })
  @IsString()
  @Length(1, 100)
  policy_key: string;
}

export class DecisionReasonDto {
  @ApiProperty({ example: 'Sources checked against the contract', minLength: 3, maxLength: 1000 })
  @IsString()
  @Length(3, 1000, { message: 'a reason of 3 to 1000 characters is required' })
  reason: string;
}

export class CertificationActorDto {
  @ApiProperty({ enum: ['user', 'client', 'system'] }) type: string;
  @ApiProperty({ type: String, nullable: true }) id: string | null;
}

/** A certification as the API's list shows it (the API's copy of its current status). */
export class CertificationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RC-2026-000042' }) number: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status: CertificationStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) task_id: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the task title, when the task exists' })
  task_title: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) program_id: string | null;
  @ApiProperty({ minimum: 0, maximum: 1 }) risk_score: number;
  @ApiProperty({ type: String, nullable: true }) policy_key: string | null;
  @ApiProperty() provider: string;
  @ApiProperty() model: string;
  @ApiProperty({ type: [String], description: 'names of the policy rules the output failed' })
  failed_rules: string[];
  @ApiProperty({ type: String, nullable: true, example: 'user:5f0c…', description: 'who requested it' })
  created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', description: 'when the current status was set' }) status_at: string;
  @ApiProperty({ type: String, nullable: true }) status_reason: string | null;
  @ApiProperty({ type: CertificationActorDto }) status_actor: CertificationActorDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at: string | null;
}

export class CertificationPolicyRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() hash: string;
}

export class RuleFindingDto {
  @ApiProperty({
    example: 'email',
    description: 'what was found (the PII detector: email, phone, card, iban, national_id)',
  })
  kind: string;
  @ApiProperty({ type: 'integer', description: 'UTF-16 offset into the output text, inclusive' })
  start: number;
  @ApiProperty({ type: 'integer', description: 'UTF-16 offset into the output text, exclusive' }) end: number;
}

export class PolicyRuleResultDto {
  @ApiProperty() name: string;
  @ApiProperty() passed: boolean;
  @ApiProperty() hard: boolean;
  @ApiProperty() reason: string;
  @ApiProperty() score: number;
  @ApiPropertyOptional({
    type: [RuleFindingDto],
    description:
      'Where the rule found what it reports, as offsets into the output text the rules read (a string output as is, JSON in RFC 8785 canonical form); the matched text is never repeated here. Present on failed rules that locate their matches (PII), absent on certifications issued before findings were recorded.',
  })
  findings?: RuleFindingDto[];
}

/** A certification as the certification service shows it (GET /api/v1/certifications/{id}). */
export class CertificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES }) status: CertificationStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) task_id: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parent_id: string | null;
  @ApiProperty({ type: CertificationPolicyRefDto }) policy: CertificationPolicyRefDto;
  @ApiProperty() input_hash: string;
  @ApiProperty() output_hash: string;
  @ApiProperty() provider: string;
  @ApiProperty() model: string;
  @ApiProperty() risk_score: number;
  @ApiProperty({ type: [PolicyRuleResultDto] }) policy_results: PolicyRuleResultDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the signed certificate payload' })
  certificate: Record<string, unknown>;
  @ApiProperty({ description: 'compact JWS of the certificate' }) jws: string;
  @ApiProperty() key_id: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at: string | null;
  @ApiProperty({ type: String, nullable: true }) created_by: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CertificationAuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: [...CERTIFICATION_STATUSES, 'viewed'] }) event: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: CertificationActorDto }) actor: CertificationActorDto;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) user_agent: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) log_index: number | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class BundleCheckDto {
  @ApiProperty({ example: 'signature' }) name: string;
  @ApiProperty() ok: boolean;
  @ApiProperty() detail: string;
}

export class CertificationVerificationDto {
  @ApiProperty({ description: 'every check passed' }) ok: boolean;
  @ApiProperty({ format: 'uuid' }) certification_id: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES, description: 'the current status' }) status: string;
  @ApiProperty({
    type: [BundleCheckDto],
    description: 'signature, hashes, inclusion, checkpoint, timestamp, revocation, expiry',
  })
  checks: BundleCheckDto[];
}

class ListMeta {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: String, nullable: true }) next_cursor: string | null;
  @ApiProperty() has_more: boolean;
}

class ListLinks {
  @ApiProperty({ type: String, nullable: true }) next: string | null;
}

export class CertificationListEnvelopeDto {
  @ApiProperty({ type: [CertificationSummaryDto] }) data: CertificationSummaryDto[];
  @ApiProperty({ type: ListMeta }) meta: ListMeta;
  @ApiProperty({ type: ListLinks }) links: ListLinks;
}

export class CertificationEnvelopeDto {
  @ApiProperty({ type: CertificationDto }) data: CertificationDto;
}

export class CertificationArrayEnvelopeDto {
  @ApiProperty({ type: [CertificationDto] }) data: CertificationDto[];
}

export class CertificationAuditEnvelopeDto {
  @ApiProperty({ type: [CertificationAuditEntryDto] }) data: CertificationAuditEntryDto[];
}

export class CertificationVerificationEnvelopeDto {
  @ApiProperty({ type: CertificationVerificationDto }) data: CertificationVerificationDto;
}
