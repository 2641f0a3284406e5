import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, RequestContext } from '@oversing/platform';
import { ProgramOverviewEnvelopeDto, TimeReportEnvelopeDto } from './dto/report.dto';
import { ProgramOverview, ReportsService, TimeReport } from './reports.service';

@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('program-overview')
  @Authenticated()
  @ApiQuery({
    name: 'program',
    required: false,
    description: 'one program (default: every program you may read)',
  })
  @ApiQuery({ name: 'weeks', required: false, description: 'weeks of burn-up, 1–52 (default 12)' })
  @ApiOkResponse({ type: ProgramOverviewEnvelopeDto })
  programOverview(@Query() query: Record<string, unknown>): Promise<ProgramOverview> {
    return this.reports.programOverview(RequestContext.principal()!, query);
  }

  @Get('time')
  @Authenticated()
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (default: 8 weeks before to)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (default: today)' })
  @ApiOkResponse({ type: TimeReportEnvelopeDto })
  time(@Query() query: Record<string, unknown>): Promise<TimeReport> {
    return this.reports.time(RequestContext.principal()!, query);
  }
}
