import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { map, Observable } from 'rxjs';

export interface Envelope<T> {
  data: T;
  meta: Record<string, unknown>;
  links: Record<string, string | null>;
}

/** A controller returns this when it wants to set meta or links itself (pagination does). */
export class Enveloped<T> {
  constructor(
    readonly data: T,
    readonly meta: Record<string, unknown> = {},
    readonly links: Record<string, string | null> = {},
  ) {}
}

/** A controller returns this for a body that must be sent as is (OAuth, JWKS, health). */
export class RawBody<T> {
  constructor(readonly body: T) {}
}

/** What a controller's return value is sent as: the `{data, meta, links}` envelope, or as is. */
export function toEnvelope(value: unknown): unknown {
  if (value instanceof RawBody) return value.body;
  if (value instanceof StreamableFile || Buffer.isBuffer(value)) return value;
  if (value === undefined) return undefined;
  if (value instanceof Enveloped) return { data: value.data, meta: value.meta, links: value.links };
  return { data: value, meta: {}, links: {} } satisfies Envelope<unknown>;
}

/** Wraps every JSON response in the `{data, meta, links}` envelope of SYSTEM.md. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map(toEnvelope));
  }
}
