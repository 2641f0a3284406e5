import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, Enveloped, RequestContext } from '@oversing/platform';
import { SearchEnvelopeDto } from './dto/search-response.dto';
import { SearchHit, SearchService } from './search.service';

@ApiTags('search')
@Controller('api/v1/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Authenticated()
  @ApiQuery({
    name: 'q',
    required: true,
    description: 'what to look for; typos are tolerated (1–200 characters)',
  })
  @ApiQuery({
    name: 'types',
    required: false,
    description: 'comma-separated kinds to search: task, program, user, invoice (default: all you may read)',
  })
  @ApiQuery({ name: 'limit', required: false, description: 'at most this many hits, 1–50 (default 20)' })
  @ApiOkResponse({
    type: SearchEnvelopeDto,
    description: 'Hits across the tenant, best first, only of records the caller may open',
  })
  find(@Query() query: Record<string, unknown>): Promise<Enveloped<SearchHit[]>> {
    return this.search.find(RequestContext.principal()!, query);
  }
}
