import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditDeadLettersRepository } from './audit-dead-letters.repository';
import { AuditOutboxRepository } from './audit-outbox.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditRecorder } from './audit-recorder';

/** The audit outbox: every module records its changes through AuditRecorder. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditOutboxRepository, AuditDeadLettersRepository, AuditRecorder, AuditQueryService],
  exports: [AuditRecorder, AuditQueryService, AuditDeadLettersRepository],
})
export class AuditModule {}
