import { Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';

/** Nest's logger backed by the Fastify request logger (one pino instance, one request id). */
@Module({ imports: [PinoLoggerModule.forRoot({ useExisting: true })], exports: [PinoLoggerModule] })
export class LoggingModule {}
