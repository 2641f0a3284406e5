import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditOutboxRepository } from './audit-outbox.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditRecorder } from './audit-recorder';

/** The audit outbox: every module records its changes through AuditRecorder. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditOutboxRepository, AuditRecorder, AuditQueryService],
  exports: [AuditRecorder, AuditQueryService],
})
export class AuditModule {}
