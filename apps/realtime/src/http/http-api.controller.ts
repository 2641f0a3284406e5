import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppException, Public, RawBody } from '@oversing/platform';
import { HttpApiService, SignedRequest } from './http-api.service';

/** The raw body kept by the realtime app's JSON parser, for body_md5. */
export type RequestWithRawBody = FastifyRequest & { rawBody?: Buffer };

function signed(request: RequestWithRawBody, appId: string): SignedRequest {
  return {
    appId,
    method: request.method,
    path: request.url.split('?')[0],
    query: request.query as Record<string, string | undefined>,
    rawBody: request.rawBody ?? Buffer.alloc(0),
  };
}

function parseJson(raw: Buffer | undefined): unknown {
  if (!raw || raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw AppException.badRequest('The body is not valid JSON');
  }
}

function infoOf(request: FastifyRequest): string[] {
  const info = (request.query as Record<string, unknown>).info;
  return typeof info === 'string' ? info.split(',').map((s) => s.trim()) : [];
}

/**
 * The Pusher HTTP API. Public in the platform's sense: each request authenticates by its signature
 * (auth_key, auth_timestamp, body_md5, auth_signature), which also binds it to one app.
 */
@ApiExcludeController()
@Controller('apps/:appId')
export class HttpApiController {
  constructor(@Inject(HttpApiService) private readonly api: HttpApiService) {}

  @Public()
  @Post('events')
  @HttpCode(200)
  async events(@Param('appId') appId: string, @Req() request: RequestWithRawBody): Promise<RawBody<unknown>> {
    const app = await this.api.authenticate(signed(request, appId));
    return new RawBody(await this.api.trigger(app, parseJson(request.rawBody)));
  }

  @Public()
  @Post('batch_events')
  @HttpCode(200)
  async batch(@Param('appId') appId: string, @Req() request: RequestWithRawBody): Promise<RawBody<unknown>> {
    const app = await this.api.authenticate(signed(request, appId));
    return new RawBody(await this.api.triggerBatch(app, parseJson(request.rawBody)));
  }

  @Public()
  @Get('channels')
  async channels(
    @Param('appId') appId: string,
    @Req() request: RequestWithRawBody,
  ): Promise<RawBody<unknown>> {
    const app = await this.api.authenticate(signed(request, appId));
    const prefix = (request.query as Record<string, unknown>).filter_by_prefix;
    return new RawBody(
      await this.api.channels(app, typeof prefix === 'string' ? prefix : undefined, infoOf(request)),
    );
  }

  @Public()
  @Get('channels/:channel')
  async channel(
    @Param('appId') appId: string,
    @Param('channel') channel: string,
    @Req() request: RequestWithRawBody,
  ): Promise<RawBody<unknown>> {
    const app = await this.api.authenticate(signed(request, appId));
    return new RawBody(await this.api.channel(app, channel, infoOf(request)));
  }

  @Public()
  @Get('channels/:channel/users')
  async users(
    @Param('appId') appId: string,
    @Param('channel') channel: string,
    @Req() request: RequestWithRawBody,
  ): Promise<RawBody<unknown>> {
    const app = await this.api.authenticate(signed(request, appId));
    return new RawBody(await this.api.users(app, channel));
  }

  @Public()
  @Post('users/:userId/terminate_connections')
  @HttpCode(200)
  async terminate(
    @Param('appId') appId: string,
    @Param('userId') userId: string,
    @Req() request: RequestWithRawBody,
  ): Promise<RawBody<unknown>> {
    const app = await this.api.authenticate(signed(request, appId));
    return new RawBody(await this.api.terminate(app, userId));
  }
}
