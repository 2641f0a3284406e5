import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { RawBody } from '../http/envelope';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Set while the process drains on shutdown, so readiness fails before connections close. */
export const drainState = { draining: false };

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  live(): RawBody<{ status: string }> {
    return new RawBody({ status: 'ok' });
  }

  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<RawBody<unknown>> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        const started = performance.now();
        try {
          await Promise.race([
            c.check(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref(),
            ),
          ]);
          return { name: c.name, status: 'up', latency_ms: Math.round(performance.now() - started) };
        } catch (error) {
          return { name: c.name, status: 'down', error: (error as Error).message };
        }
      }),
    );
    const ok = !drainState.draining && results.every((r) => r.status === 'up');
    void reply.status(ok ? 200 : 503);
    return new RawBody({
      status: ok ? 'ok' : drainState.draining ? 'draining' : 'unavailable',
      checks: results,
    });
  }
}
