import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../is-calendar-date.decorator';
import { CURRENCY_CODES } from '../../financial/money';

export class CreateWorkLogDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  task_id: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Whose time this is; defaults to the caller. Logging for someone else needs work-logs:approve.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  user_id?: string;

  @ApiProperty({ example: '2026-03-16', description: 'Calendar date of the work (YYYY-MM-DD)' })
  @IsCalendarDate()
  work_date: string;

  @ApiProperty({ minimum: 1, maximum: 1440, example: 90 })
  @IsInt()
  @Min(1)
  @Max(1440)
  duration_minutes: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  billable?: boolean;

  @ApiPropertyOptional({ description: 'Cost rate per hour in minor units of `currency`', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  rate_minor?: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code of the rate' })
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateWorkLogDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  task_id?: string;

  @ApiPropertyOptional({ example: '2026-03-16' })
  @IsOptional()
  @IsCalendarDate()
  work_date?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  duration_minutes?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  billable?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  rate_minor?: number;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsIn(CURRENCY_CODES, { message: 'must be an ISO 4217 currency code' })
  currency?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class RejectTimeCardDto {
  @ApiProperty({ example: 'Tuesday is missing' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(2000)
  reason: string;
}
