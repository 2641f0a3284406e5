import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { OAuthModule } from '../oauth/oauth.module';
import { TasksModule } from '../tasks/tasks.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ApplyCertificationStatusUseCase } from './apply-certification-status.use-case';
import { CertificationFeedConsumer } from './certification-feed.consumer';
import { CERTIFICATION_FEED_QUEUE, CertificationFeedProcessor } from './certification-feed.processor';
import { CertificationProjectionModule } from './certification-projection.module';
import { CertificationServiceGateway } from './certification-service.gateway';
import { CertificationsController } from './certifications.controller';
import { CertificationsService } from './certifications.service';

/**
 * Certifications as Oversing sees them: the API's `/api/v1/certifications` (on the caller's behalf) and
 * decisions flowing back from the certification service (its status feed, consumed into the API's copy,
 * task histories, domain events and workflow reactions).
 */
@Module({
  imports: [
    OAuthModule,
    TasksModule,
    WorkflowsModule,
    CertificationProjectionModule,
    BullModule.registerQueue({ name: CERTIFICATION_FEED_QUEUE }),
  ],
  controllers: [CertificationsController],
  providers: [
    ApplyCertificationStatusUseCase,
    CertificationFeedConsumer,
    CertificationFeedProcessor,
    CertificationServiceGateway,
    CertificationsService,
  ],
  exports: [CertificationFeedConsumer],
})
export class CertificationsModule {}
