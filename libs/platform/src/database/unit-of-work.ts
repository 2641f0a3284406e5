import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

const transactionStorage = new AsyncLocalStorage<EntityManager>();

/**
 * Runs a unit of work in one database transaction. Repositories created through `repositoryFor`
 * inside the callback join the transaction without having it passed around, so a change and its
 * outbox event commit or roll back together.
 */
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const existing = transactionStorage.getStore();
    if (existing) return work();
    return this.dataSource.transaction((manager) => transactionStorage.run(manager, work));
  }

  /** The manager of the current transaction, or the pooled default outside one. */
  manager(): EntityManager {
    return transactionStorage.getStore() ?? this.dataSource.manager;
  }

  repositoryFor<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager().getRepository(entity);
  }

  get inTransaction(): boolean {
    return transactionStorage.getStore() !== undefined;
  }
}
