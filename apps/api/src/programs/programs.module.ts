import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { IdentityModule } from '../identity/identity.module';
import { ProgramRepository } from './program.repository';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';

@Module({
  imports: [AccessModule, IdentityModule],
  controllers: [ProgramsController],
  providers: [ProgramRepository, ProgramsService],
  exports: [ProgramRepository, ProgramsService],
})
export class ProgramsModule {}
