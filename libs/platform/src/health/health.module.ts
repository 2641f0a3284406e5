import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { HEALTH_CHECKS, HealthCheck, HealthController } from './health.controller';

export interface HealthChecksFactory {
  inject: InjectionToken[];
  useFactory: (...deps: never[]) => HealthCheck[];
}

@Module({})
export class HealthModule {
  /** Registers /health/live and /health/ready with the app's readiness checks (database, Redis, ...). */
  static forRoot(checks: HealthChecksFactory): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_CHECKS,
          inject: checks.inject,
          useFactory: checks.useFactory as (...deps: unknown[]) => HealthCheck[],
        },
      ],
    };
  }
}
