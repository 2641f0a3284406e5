import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../time/is-calendar-date.decorator';
import { CURRENCY_CODES } from '../money';

const CURRENCY_MESSAGE = { message: 'must be an ISO 4217 currency code' };
const MAX = Number.MAX_SAFE_INTEGER;

export class CreateExchangeRateDto {
  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, CURRENCY_MESSAGE)
  base_currency: string;

  @ApiProperty({ example: 'USD' })
  @IsIn(CURRENCY_CODES, CURRENCY_MESSAGE)
  quote_currency: string;

  @ApiProperty({ example: '2026-03-01', description: 'Valid from this date until a later rate' })
  @IsCalendarDate()
  rate_date: string;

  @ApiPropertyOptional({
    example: '1.0845',
    description: 'Units of quote per unit of base, as a decimal string (or give numerator and denominator)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,12}(\.\d{1,12})?$/, { message: 'must be a positive decimal string such as "1.0845"' })
  rate?: string;

  @ApiPropertyOptional({ example: 10845 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX)
  numerator?: number;

  @ApiPropertyOptional({ example: 10000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX)
  denominator?: number;
}

export class CreateContractDto {
  @ApiProperty({ format: 'uuid', description: 'The program whose work the contract bills' })
  @IsUUID('all', { message: 'must be a UUID' })
  program_id: string;

  @ApiProperty({ example: 'ACME GmbH' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  client_name: string;

  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, CURRENCY_MESSAGE)
  currency: string;

  @ApiProperty({ example: 12000, description: 'Hourly rate in minor units of currency' })
  @IsInt()
  @Min(0)
  @Max(MAX)
  hourly_rate_minor: number;

  @ApiPropertyOptional({ example: 5000000, nullable: true, description: 'Cap on the invoiced subtotal' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX)
  cap_minor?: number | null;
}

export class UpdateContractDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  client_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX)
  hourly_rate_minor?: number;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX)
  cap_minor?: number | null;
}

export class CreateBudgetDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  program_id: string;

  @ApiProperty({ example: 2500000 })
  @IsInt()
  @Min(0)
  @Max(MAX)
  planned_minor: number;

  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, CURRENCY_MESSAGE)
  currency: string;
}

export class UpdateBudgetDto {
  @ApiProperty({ example: 2500000 })
  @IsInt()
  @Min(0)
  @Max(MAX)
  planned_minor: number;
}

export class CreateExpenseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  program_id: string;

  @ApiProperty({ example: '2026-03-10' })
  @IsCalendarDate()
  expense_date: string;

  @ApiProperty({ example: 4599, description: 'Minor units, > 0' })
  @IsInt()
  @Min(1)
  @Max(MAX)
  amount_minor: number;

  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, CURRENCY_MESSAGE)
  currency: string;

  @ApiProperty({ example: 'Train to client workshop' })
  @IsString()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  description: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  billable?: boolean;
}

export class DecideExpenseDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'])
  status: 'approved' | 'rejected';
}

export class CreateInvoiceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  contract_id: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsCalendarDate()
  period_from: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsCalendarDate()
  period_to: string;

  @ApiProperty({ example: 1900, description: 'Tax rate in basis points (1900 = 19%)' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  tax_rate_bp: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class UpdateInvoiceDto {
  @ApiPropertyOptional({ example: 700 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  tax_rate_bp?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

export class CreatePaymentDto {
  @ApiProperty({ example: 5000, description: 'Minor units of the invoice currency, > 0' })
  @IsInt()
  @Min(1)
  @Max(MAX)
  amount_minor: number;

  @ApiProperty({ example: '2026-04-02' })
  @IsCalendarDate()
  paid_on: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}
