import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CertificationProjectionModule } from '../certifications/certification-projection.module';
import { IdentityModule } from '../identity/identity.module';
import { ProgramsModule } from '../programs/programs.module';
import { TaskRepository } from './task.repository';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({
  imports: [AccessModule, IdentityModule, ProgramsModule, CertificationProjectionModule],
  controllers: [TasksController],
  providers: [TaskRepository, TasksService],
  exports: [TaskRepository, TasksService],
})
export class TasksModule {}
