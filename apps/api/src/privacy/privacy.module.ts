import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { IdentityModule } from '../identity/identity.module';
import { EraseUserUseCase } from './erase-user.use-case';
import { ExportUserDataUseCase } from './export-user-data.use-case';
import { PrivacyController } from './privacy.controller';
import { PrivacyRepository } from './privacy.repository';

/** Data subject rights: export everything about a user, erase a user by pseudonymization. */
@Module({
  imports: [AccessModule, IdentityModule],
  controllers: [PrivacyController],
  providers: [PrivacyRepository, ExportUserDataUseCase, EraseUserUseCase],
})
export class PrivacyModule {}
