import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public, RawBody, RequestContext, runInTenant } from '@oversing/platform';
import { ChannelAuthorizer, ChannelAuthResponse } from './channel-authorizer.service';
import { ChannelAuthDto, SocketTokenAuthDto } from './dto/channel-auth.dto';
import { SocketTokenService } from './socket-token.service';

/** Channel authorization for the realtime server (what pusher-js and laravel-echo call). */
@ApiTags('broadcasting')
@Controller('api/v1/broadcasting')
export class BroadcastingController {
  constructor(
    private readonly channels: ChannelAuthorizer,
    private readonly socketTokens: SocketTokenService,
  ) {}

  @Post('auth')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({
    description: 'Pusher auth signature `{auth, channel_data?}` (not enveloped, as pusher-js expects)',
  })
  async auth(@Body() dto: ChannelAuthDto): Promise<RawBody<ChannelAuthResponse>> {
    return new RawBody(
      await this.channels.authorize(RequestContext.principal()!, dto.socket_id, dto.channel_name),
    );
  }

  @Post('socket-token')
  @HttpCode(200)
  @Authenticated()
  @ApiOkResponse({ description: 'A 60-second token authorizing channels for a socket on another host' })
  socketToken(): { token: string; expires_in: number } {
    return this.socketTokens.issue(RequestContext.principal()!);
  }

  /** Public in the guard's sense: authenticated by the socket token in the body, in that token's tenant. */
  @Post('auth/socket-token')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ description: 'Pusher auth signature for a socket token holder' })
  async authWithSocketToken(@Body() dto: SocketTokenAuthDto): Promise<RawBody<ChannelAuthResponse>> {
    const principal = this.socketTokens.verify(dto.socket_token);
    return runInTenant(principal.tenantId, async () => {
      RequestContext.setPrincipal(principal);
      return new RawBody(await this.channels.authorize(principal, dto.socket_id, dto.channel_name));
    });
  }
}
