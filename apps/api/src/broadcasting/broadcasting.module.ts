import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CertificationProjectionModule } from '../certifications/certification-projection.module';
import { IdentityModule } from '../identity/identity.module';
import { BroadcastingController } from './broadcasting.controller';
import { ChannelAuthorizer } from './channel-authorizer.service';
import { DomainEventBroadcaster } from './domain-event-broadcaster';
import { RealtimeAppRepository } from './realtime-app.repository';
import { RealtimePublisher } from './realtime-publisher';
import { SocketTokenService } from './socket-token.service';

/** Channel authorization for the realtime server, and publishing to it. */
@Module({
  imports: [AccessModule, IdentityModule, CertificationProjectionModule],
  controllers: [BroadcastingController],
  providers: [
    ChannelAuthorizer,
    SocketTokenService,
    RealtimePublisher,
    RealtimeAppRepository,
    DomainEventBroadcaster,
  ],
  exports: [RealtimePublisher, RealtimeAppRepository],
})
export class BroadcastingModule {}
