import { ApiProperty } from '@nestjs/swagger';

export class BurnUpPointDto {
  @ApiProperty({ format: 'date', description: 'Monday of the ISO week' }) week_start: string;
  @ApiProperty({ type: 'integer', description: 'tasks created by the end of the week' })
  created_total: number;
  @ApiProperty({ type: 'integer', description: 'tasks done by the end of the week' }) done_total: number;
}

export class ProgramOverviewDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) program_id: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { todo: 4, in_progress: 2, blocked: 1, done: 9, cancelled: 0 },
  })
  status_counts: Record<string, number>;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'open tasks past their due date' }) overdue: number;
  @ApiProperty({ type: 'integer', description: 'open tasks waiting on an unfinished blocker' })
  blocked_by_dependencies: number;
  @ApiProperty({ type: [BurnUpPointDto] }) burn_up: BurnUpPointDto[];
}

export class ProgramOverviewEnvelopeDto {
  @ApiProperty({ type: ProgramOverviewDto }) data: ProgramOverviewDto;
}

export class TimeReportRowDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty() user_name: string;
  @ApiProperty({ format: 'uuid' }) program_id: string;
  @ApiProperty() program_name: string;
  @ApiProperty({ format: 'date' }) week_start: string;
  @ApiProperty({ type: 'integer' }) billable_minutes: number;
  @ApiProperty({ type: 'integer' }) non_billable_minutes: number;
}

export class TimeReportTotalsDto {
  @ApiProperty({ type: 'integer' }) billable_minutes: number;
  @ApiProperty({ type: 'integer' }) non_billable_minutes: number;
}

export class TimeReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: ['everyone', 'own'], description: "'own' unless the caller approves work logs" })
  covers: string;
  @ApiProperty({ type: [TimeReportRowDto] }) rows: TimeReportRowDto[];
  @ApiProperty({ type: TimeReportTotalsDto }) totals: TimeReportTotalsDto;
}

export class TimeReportEnvelopeDto {
  @ApiProperty({ type: TimeReportDto }) data: TimeReportDto;
}
