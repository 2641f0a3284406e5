import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class CertifyDto {
  @ApiProperty({ description: 'The prompt or input (any JSON value)', example: { prompt: 'Summarise Q3' } })
  @IsDefined()
  input: unknown;

  @ApiProperty({ description: 'The LLM output: a string or any JSON value', example: 'Revenue grew [1].' })
  @IsDefined()
  output: unknown;

  @ApiProperty({ example: 'openai' })
  @IsString()
  @Length(1, 100)
  provider: string;

  @ApiProperty({ example: 'gpt-4o' })
  @IsString()
  @Length(1, 200)
  model: string;

  @ApiPropertyOptional({ description: 'Exact policy version by id' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  policy_id?: string;

  @ApiPropertyOptional({ description: 'Latest version of the policy with this key', example: 'default' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  policy_key?: string;

  @ApiPropertyOptional({ description: 'Oversing task the output belongs to' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  task_id?: string;

  @ApiPropertyOptional({ description: 'Certification of the previous version of this output' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  parent_id?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      "The data subject the input and output are about (the same ids as audit events): they are stored sealed under that subject's key, so erasing the subject erases them. Without it they are sealed under a key of the certification's own (POST /api/v1/certifications/{id}/content/erase).",
    example: 'user-42',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:@-]{1,200}$/, { message: 'must be 1..200 of A-Z a-z 0-9 . _ : @ -' })
  subject_id?: string;
}

export class RevokeDto {
  @ApiProperty({ example: 'Output found to contain an error' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ReviewDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class PolicyDto {
  @ApiProperty({ example: 'default', description: 'Stable key; saving it again creates the next version' })
  @IsString()
  @Length(1, 100)
  key: string;

  @ApiProperty({ example: 'Default output policy' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Policy rules (see docs)' })
  @IsObject()
  rules: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { review_above: 0.5 } })
  @IsOptional()
  @IsObject()
  thresholds?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Certificates expire this many days after issuance' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  validity_days?: number;
}
