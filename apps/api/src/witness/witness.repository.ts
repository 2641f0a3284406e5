import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oversing/platform';

export interface WitnessState {
  origin: string;
  log_key: string;
  size: number;
  root: Buffer;
  checkpoint: string;
}

/** witness_checkpoints: the latest cosigned checkpoint per log origin (in the API's own database). */
@Injectable()
export class WitnessRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** Runs `work` in one transaction; `lock` takes the origin's row (or its insert slot) for update. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.uow.run(work);
  }

  /** The state of an origin, locked for update until the transaction ends. */
  async lock(origin: string): Promise<WitnessState | undefined> {
    await this.uow.manager().query('SELECT pg_advisory_xact_lock(hashtext($1))', [`witness:${origin}`]);
    const rows = (await this.uow
      .manager()
      .query('SELECT origin, log_key, size, root, checkpoint FROM witness_checkpoints WHERE origin = $1', [
        origin,
      ])) as (Omit<WitnessState, 'size'> & { size: string })[];
    return rows[0] && { ...rows[0], size: Number(rows[0].size) };
  }

  async latest(origin: string): Promise<WitnessState | undefined> {
    const rows = (await this.uow
      .manager()
      .query('SELECT origin, log_key, size, root, checkpoint FROM witness_checkpoints WHERE origin = $1', [
        origin,
      ])) as (Omit<WitnessState, 'size'> & { size: string })[];
    return rows[0] && { ...rows[0], size: Number(rows[0].size) };
  }

  async save(state: WitnessState): Promise<void> {
    await this.uow.manager().query(
      `INSERT INTO witness_checkpoints (origin, log_key, size, root, checkpoint, cosigned_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (origin) DO UPDATE SET size = $3, root = $4, checkpoint = $5, cosigned_at = now()`,
      [state.origin, state.log_key, state.size, state.root, state.checkpoint],
    );
  }
}
