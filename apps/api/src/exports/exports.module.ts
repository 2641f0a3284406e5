import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ExportLinkSigner } from './export-link-signer';
import { ExportQueue } from './export-queue';
import { ExportRepository } from './export.repository';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [AccessModule],
  controllers: [ExportsController],
  providers: [ExportRepository, ExportQueue, ExportLinkSigner, ExportsService],
})
export class ExportsModule {}
