import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, Principal } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { QUEUE_DASHBOARD_PATH, QueueDashboardSessionService } from './queue-dashboard-session.service';

@ApiTags('admin')
@Controller('api/v1/admin/queues')
export class QueueDashboardController {
  constructor(private readonly sessions: QueueDashboardSessionService) {}

  @Post('session')
  @HttpCode(201)
  @Authenticated({ permission: Permission.AdminQueues })
  @ApiOperation({
    summary: 'Open a queue dashboard session',
    description:
      'Sets a short-lived, signed, HttpOnly, SameSite=Strict cookie for /admin/queues (the bull-board UI). ' +
      'Only administrators of the operator tenant (OPERATOR_TENANT) get one.',
  })
  @ApiOkResponse({ description: 'The session and where the dashboard is' })
  async open(
    @Req() request: FastifyRequest & { user: Principal },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ dashboard_path: string; expires_at: string }> {
    const session = await this.sessions.open(request.user);
    void reply.setCookie(session.cookie.name, session.cookie.value, session.cookie.options);
    return {
      dashboard_path: QUEUE_DASHBOARD_PATH,
      expires_at: new Date(session.claims.exp * 1000).toISOString(),
    };
  }
}
