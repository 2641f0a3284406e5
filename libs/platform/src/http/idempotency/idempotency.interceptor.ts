import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
  StreamableFile,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, map, Observable } from 'rxjs';
import { RequestContext } from '../../context/request-context';
import { AppException } from '../../errors/app-exception';
import { RawBody, toEnvelope } from '../envelope';
import {
  IdempotencyScope,
  IdempotencySql,
  IdempotencyStore,
  keyInUse,
  keyReused,
  StoredResponse,
} from './idempotency.store';

/** Runs a write in one transaction (in the API, DomainEventBus.transaction: events go out after commit). */
export interface WriteTransaction {
  run<T>(work: () => Promise<T>): Promise<T>;
}
export const IDEMPOTENT_WRITE_TRANSACTION = Symbol('IDEMPOTENT_WRITE_TRANSACTION');

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Headers of the first response that a replay repeats. */
const REPLAYED_HEADERS = ['etag', 'location', 'content-location'];
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The method, path and body of a request, so one key cannot be reused for a different request. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n`)
    .update(JSON.stringify(sortedKeys(body ?? null)))
    .digest('hex');
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

function parseKey(header: string | string[]): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (Array.isArray(header) && header.length > 1) throw invalidKey('send one Idempotency-Key header');
  if (!key || !KEY_PATTERN.test(key)) throw invalidKey('1 to 255 visible ASCII characters');
  return key;
}

function invalidKey(message: string): AppException {
  return AppException.badRequest('The Idempotency-Key header is invalid', [
    { field: 'Idempotency-Key', message },
  ]);
}

type Outcome = { kind: 'fresh'; value: unknown } | { kind: 'replay'; stored: StoredResponse };

const STORED_BY_WRITE = 'oversing:idempotency-stored-by-write';

/**
 * Marks a route whose write commits in a transaction the request does not own (a group commit shared
 * with other requests): the interceptor then holds no transaction around the handler, and the write
 * itself claims the key and saves the response in its own transaction, through `IdempotentWrite.current()`.
 */
export const IdempotencyStoredByWrite = (): MethodDecorator => SetMetadata(STORED_BY_WRITE, true);

const pendingWrites = new AsyncLocalStorage<IdempotentWrite>();
const requestKeys = new AsyncLocalStorage<string>();

/**
 * The Idempotency-Key of the write being handled, if it came with one: a handler that calls another
 * service derives its own key from it, so the client's retry is a retry downstream too.
 */
export function currentIdempotencyKey(): string | undefined {
  return requestKeys.getStore();
}

/**
 * A keyed request whose response its write stores (routes marked `@IdempotencyStoredByWrite()`): the
 * write calls `claim` and `save` on the connection of the transaction that commits it, so the response is
 * recorded if and only if the write commits.
 */
export class IdempotentWrite {
  private saved = false;

  constructor(
    readonly scope: IdempotencyScope,
    readonly fingerprint: string,
    readonly request: { method: string; path: string },
    readonly status: number,
    private readonly store: IdempotencyStore,
  ) {}

  /** The keyed request of the current async context whose write must store its response, if any. */
  static current(): IdempotentWrite | undefined {
    return pendingWrites.getStore();
  }

  /** `tenant \n principal \n key`: one key of one client. */
  get id(): string {
    return `${this.scope.tenantId}\n${this.scope.principal}\n${this.scope.key}`;
  }

  get stored(): boolean {
    return this.saved;
  }

  /**
   * Takes the key in the write's transaction, before the write: throws 409 when another request holds it
   * or completed it meanwhile (the client's retry then gets that request's response), 422 when it was
   * used for a different request.
   */
  async claim(sql: IdempotencySql): Promise<void> {
    if (await this.store.acquire(this.scope, this.fingerprint, sql)) throw keyInUse();
  }

  /** Saves `value` (what the handler returns) as the response, in the write's transaction. */
  async save(sql: IdempotencySql, value: unknown): Promise<void> {
    await this.store.save(this.scope, this.request, this.response(value), sql);
    this.saved = true;
  }

  response(value: unknown, headers: Record<string, string> = {}): StoredResponse {
    return {
      fingerprint: this.fingerprint,
      status: this.status,
      headers,
      body: value === undefined ? null : JSON.stringify(toEnvelope(value)),
    };
  }
}

/**
 * `Idempotency-Key` on POST and PATCH (IETF httpapi-idempotency-key-header): the first request's response
 * (status, body, ETag/Location) is stored per tenant, principal and key, in the same transaction as the
 * write; a repeat with the same key and request gets that response without doing the work again
 * (`Idempotent-Replayed: true`); the same key with a different request is refused with 422; a repeat while
 * the first still runs gets 409. Errors are not stored: nothing was written, so a retry does the work.
 * Requests without the header, and unauthenticated ones, pass through untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Keys of `@IdempotencyStoredByWrite()` requests running in this process. */
  private readonly running = new Set<string>();

  constructor(
    @Inject(IDEMPOTENT_WRITE_TRANSACTION) private readonly transaction: WriteTransaction,
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined || (request.method !== 'POST' && request.method !== 'PATCH'))
      return next.handle();
    const principal = RequestContext.principal();
    const tenantId = RequestContext.current()?.tenantId;
    if (!principal || !tenantId) return next.handle();

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope: IdempotencyScope = {
      tenantId,
      principal: `${principal.kind}:${principal.id}`,
      key: parseKey(header),
    };
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const routeStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);

    const storedByWrite = this.reflector.get<boolean | undefined>(STORED_BY_WRITE, context.getHandler());
    const outcome = storedByWrite
      ? this.storedByWrite(
          new IdempotentWrite(
            scope,
            fingerprint,
            { method: request.method, path: request.url },
            routeStatus,
            this.store,
          ),
          next,
        )
      : this.transaction.run(async (): Promise<Outcome> => {
          const stored = await this.store.acquire(scope, fingerprint);
          if (stored) return { kind: 'replay', stored };
          const value = await requestKeys.run(scope.key, () =>
            lastValueFrom(next.handle(), { defaultValue: undefined }),
          );
          if (value instanceof StreamableFile || Buffer.isBuffer(value)) return { kind: 'fresh', value };
          const headers: Record<string, string> = {};
          for (const name of REPLAYED_HEADERS) {
            const v = reply.getHeader(name);
            if (typeof v === 'string') headers[name] = v;
          }
          await this.store.save(
            scope,
            { method: request.method, path: request.url },
            {
              fingerprint,
              status: reply.statusCode !== 200 ? reply.statusCode : routeStatus,
              headers,
              body: value === undefined ? null : JSON.stringify(toEnvelope(value)),
            },
          );
          return { kind: 'fresh', value };
        });

    return from(outcome).pipe(
      map((result) => {
        if (result.kind === 'fresh') return result.value;
        const { stored } = result;
        void reply.status(stored.status);
        for (const [name, value] of Object.entries(stored.headers)) void reply.header(name, value);
        void reply.header('idempotent-replayed', 'true');
        return stored.body === null ? undefined : new RawBody(JSON.parse(stored.body) as unknown);
      }),
    );
  }

  /**
   * A route whose write stores the response itself (a group commit): no transaction is held while the
   * handler runs. A repeat of a key running in this process gets 409 at once; a completed key is replayed
   * (or refused with 422) from its record; otherwise the write claims the key in its own transaction (409
   * if a request on another process got there first) and saves the response before that transaction
   * commits.
   */
  private async storedByWrite(write: IdempotentWrite, next: CallHandler): Promise<Outcome> {
    if (this.running.has(write.id)) throw keyInUse();
    this.running.add(write.id);
    try {
      const stored = await this.store.find(write.scope);
      if (stored) {
        if (stored.fingerprint !== write.fingerprint) throw keyReused();
        return { kind: 'replay', stored };
      }
      const value = await requestKeys.run(write.scope.key, () =>
        pendingWrites.run(write, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
      );
      if (!write.stored && !(value instanceof StreamableFile) && !Buffer.isBuffer(value)) {
        // the handler returned without a write that stored the response (it wrote nothing): record it now
        await this.transaction.run(async () => {
          await this.store.acquire(write.scope, write.fingerprint);
          await this.store.save(write.scope, write.request, write.response(value));
        });
      }
      return { kind: 'fresh', value };
    } finally {
      this.running.delete(write.id);
    }
  }
}
