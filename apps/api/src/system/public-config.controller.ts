import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@oversing/platform';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';

/** What the PWA needs to find the other services and the authorization server (SYSTEM.md). */
@ApiTags('config')
@Controller('api/v1/config')
export class PublicConfigController {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'Public configuration for clients' })
  get(): Record<string, unknown> {
    const c = this.config;
    return {
      api_url: c.PUBLIC_API_URL,
      certification_url: c.PUBLIC_CERTIFICATION_URL,
      oauth: {
        issuer: c.issuer,
        client_id: 'oversing-web',
        api_audience: c.API_AUDIENCE,
        certification_audience: c.CERTIFICATION_AUDIENCE,
      },
      realtime: {
        host: c.PUBLIC_REALTIME_HOST,
        port: c.PUBLIC_REALTIME_PORT,
        scheme: c.PUBLIC_REALTIME_SCHEME,
        key: c.REALTIME_APP_KEY,
        auth_endpoint: `${c.PUBLIC_API_URL}/api/v1/broadcasting/auth`,
      },
    };
  }
}
