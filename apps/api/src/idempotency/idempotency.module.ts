import { Module } from '@nestjs/common';
import {
  IDEMPOTENT_WRITE_TRANSACTION,
  IdempotencyInterceptor,
  IdempotencyStore,
  UnitOfWork,
  type WriteTransaction,
} from '@oversing/platform';
import { DomainEventBus } from '../events/domain-event-bus';

/**
 * `Idempotency-Key` on every POST and PATCH of the API (docs/API.md): the write, its domain events and
 * its stored response commit in one transaction; the events go out after that commit.
 */
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [UnitOfWork],
      useFactory: (uow: UnitOfWork) =>
        new IdempotencyStore({
          query: (sql, params) => uow.manager().query(sql, params) as Promise<unknown[]>,
        }),
    },
    {
      provide: IDEMPOTENT_WRITE_TRANSACTION,
      inject: [DomainEventBus],
      useFactory: (bus: DomainEventBus): WriteTransaction => ({ run: (work) => bus.transaction(work) }),
    },
    IdempotencyInterceptor,
  ],
  exports: [IdempotencyInterceptor],
})
export class IdempotencyModule {}
