import { Module } from '@nestjs/common';
import { WitnessController } from './witness.controller';
import { WitnessRepository } from './witness.repository';
import { WitnessService } from './witness.service';

/** The API process as the first witness of Runcible's transparency log (c2sp.org/tlog-witness). */
@Module({
  controllers: [WitnessController],
  providers: [WitnessRepository, WitnessService],
})
export class WitnessModule {}
