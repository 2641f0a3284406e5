import { Module } from '@nestjs/common';
import { CreateRoleUseCase } from './create-role.use-case';
import { AUTHORIZER } from '@oversing/platform';
import { AccessRepository } from './access.repository';
import { PolicyService } from './policy.service';
import { ResourceHierarchy } from './resource-hierarchy';
import { RolesController } from './roles.controller';

@Module({
  controllers: [RolesController],
  providers: [
    CreateRoleUseCase,
    AccessRepository,
    ResourceHierarchy,
    PolicyService,
    { provide: AUTHORIZER, useExisting: PolicyService },
  ],
  exports: [AccessRepository, ResourceHierarchy, PolicyService, AUTHORIZER],
})
export class AccessModule {}
