import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '@oversing/platform';
import {
  QUEUE_DASHBOARD_COOKIE,
  QUEUE_DASHBOARD_PATH,
  QueueDashboardSessionService,
} from './queue-dashboard-session.service';
import { SystemQueues } from './system-queues';

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode.UNAUTHENTICATED,
  message: string,
): FastifyReply {
  return reply
    .code(401)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send({ error: { code, message, details: [], request_id: String(request.id) } });
}

/**
 * Mounts bull-board at /admin/queues. Every request under that prefix (the page, its static files and
 * its JSON API) must carry the session cookie issued by `POST /api/v1/admin/queues/session`; without a
 * valid one the answer is 401 in the error format. SameSite=Strict keeps other sites from riding the
 * cookie into the dashboard's mutating endpoints (retry, clean, pause).
 */
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  options: { queues: SystemQueues; sessions: QueueDashboardSessionService },
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: options.queues.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Oversing queues' } },
  });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const raw = request.cookies?.[QUEUE_DASHBOARD_COOKIE];
      if (!raw)
        return refuse(
          request,
          reply,
          ErrorCode.UNAUTHENTICATED,
          'Open a dashboard session first: POST /api/v1/admin/queues/session',
        );
      const unsigned = request.unsignCookie(raw);
      const check = await options.sessions.check(unsigned.valid ? unsigned.value : null);
      if (!check.ok)
        return refuse(
          request,
          reply,
          ErrorCode.UNAUTHENTICATED,
          `The dashboard session is ${check.reason}; open a new one`,
        );
      void reply.header('cache-control', 'no-store');
      request.log.info(
        { operator: check.claims.sub, method: request.method, url: request.url },
        'queue dashboard access',
      );
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
