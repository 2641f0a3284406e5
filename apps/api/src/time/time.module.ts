import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { IdentityModule } from '../identity/identity.module';
import { TasksModule } from '../tasks/tasks.module';
import { TimeCardsService } from './time-cards.service';
import { TimeCardRepository, WorkLogRepository } from './time.repository';
import { TimeCardsController, WorkLogsController } from './work-logs.controller';
import { WorkLogsService } from './work-logs.service';

/** Work logs and weekly time cards with submit / approve / reject; approved time is locked. */
@Module({
  imports: [AccessModule, IdentityModule, TasksModule],
  controllers: [WorkLogsController, TimeCardsController],
  providers: [WorkLogRepository, TimeCardRepository, WorkLogsService, TimeCardsService],
  exports: [WorkLogRepository, TimeCardRepository],
})
export class TimeModule {}
