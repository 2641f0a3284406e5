import { Module } from '@nestjs/common';
import { TenancyModule } from '../tenancy/tenancy.module';
import { ImportLegacyUseCase } from './import-legacy.use-case';
import { LegacyImportRepository } from './legacy-import.repository';
import { LegacyVerifyRepository } from './legacy-verify.repository';
import { VerifyLegacyUseCase } from './verify-legacy.use-case';

/** The import from the legacy (Laravel/MySQL) Oversing and its verification; driven by the operator CLI. */
@Module({
  imports: [TenancyModule],
  providers: [LegacyImportRepository, LegacyVerifyRepository, ImportLegacyUseCase, VerifyLegacyUseCase],
  exports: [ImportLegacyUseCase, VerifyLegacyUseCase],
})
export class LegacyModule {}
