import { RequestContext } from '../context/request-context';

/** The header that carries the correlation id between services (Fastify uses it as the request id). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Headers to add to an outgoing service-to-service call so the callee logs the caller's request id:
 * every HTTP server built by createHttpApp takes `x-request-id` as its own request id.
 */
export function correlationHeaders(): Record<string, string> {
  const requestId = RequestContext.current()?.requestId;
  return requestId ? { [REQUEST_ID_HEADER]: requestId } : {};
}
