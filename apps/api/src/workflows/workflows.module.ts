import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CertificationProjectionModule } from '../certifications/certification-projection.module';
import { API_CONFIG, ApiConfig } from '../api.config';
import { TasksModule } from '../tasks/tasks.module';
import { CastVoteUseCase } from './cast-vote.use-case';
import { GetTaskWorkflowQuery } from './get-task-workflow.query';
import { ClientCredentialsTokenSource } from '@oversing/platform';
import { CERTIFICATION_GUARD, ProjectedCertificationGuard } from './certification-guard';
import { CERTIFICATION_CLIENT, HttpCertificationClient } from './certification-client';
import { CertificationRequestRepository } from './certification-request.repository';
import { CertificationRequester } from './certification-requester';
import {
  CERTIFICATION_REQUESTS_QUEUE,
  CertificationRequestsProcessor,
} from './certification-requests.processor';
import { ReactToCertificationUseCase } from './react-to-certification.use-case';
import { TransitionTaskUseCase } from './transition-task.use-case';
import { WorkflowGuards } from './workflow-guards';
import { WorkflowInstanceRepository, WorkflowRepository } from './workflow.repository';
import { TaskWorkflowController, WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

/** Workflow definitions, task transitions with guards, votes; the certification hook. */
@Module({
  imports: [
    AccessModule,
    TasksModule,
    CertificationProjectionModule,
    BullModule.registerQueue({ name: CERTIFICATION_REQUESTS_QUEUE }),
  ],
  controllers: [WorkflowsController, TaskWorkflowController],
  providers: [
    WorkflowRepository,
    WorkflowInstanceRepository,
    WorkflowGuards,
    WorkflowsService,
    TransitionTaskUseCase,
    CastVoteUseCase,
    GetTaskWorkflowQuery,
    CertificationRequestRepository,
    CertificationRequester,
    CertificationRequestsProcessor,
    ReactToCertificationUseCase,
    {
      // Automatic certification requests: the internal service account, acting for the task's tenant.
      provide: CERTIFICATION_CLIENT,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        new HttpCertificationClient(
          config.CERTIFICATION_URL ?? config.PUBLIC_CERTIFICATION_URL,
          config.CERTIFICATION_CLIENT_ID && config.CERTIFICATION_CLIENT_SECRET
            ? new ClientCredentialsTokenSource({
                tokenUrl: `${config.PUBLIC_API_URL.replace(/\/$/, '')}/oauth/token`,
                clientId: config.CERTIFICATION_CLIENT_ID,
                clientSecret: config.CERTIFICATION_CLIENT_SECRET,
                scope: 'certifications:read certifications:write',
                resource: config.CERTIFICATION_AUDIENCE,
              })
            : null,
        ),
    },
    { provide: CERTIFICATION_GUARD, useClass: ProjectedCertificationGuard },
  ],
  exports: [
    WorkflowsService,
    TransitionTaskUseCase,
    CERTIFICATION_GUARD,
    CERTIFICATION_CLIENT,
    CertificationRequester,
    ReactToCertificationUseCase,
  ],
})
export class WorkflowsModule {}
