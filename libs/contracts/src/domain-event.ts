/**
 * A domain event as the API publishes it: stored with a per-tenant sequence number (for
 * `GET /api/v1/sync?after=N`) and broadcast on its realtime channels.
 */
export interface DomainEventContract {
  id: string;
  tenant_id: string;
  /** per-tenant, strictly increasing */
  sequence: number;
  /** e.g. task.created, task.updated, task.deleted, task.assigned, workflow.transitioned, vote.cast */
  type: string;
  entity_type: string;
  entity_id: string;
  /** realtime channels (without the private-/presence- prefix), e.g. task.{id}, program.{id} */
  channels: string[];
  payload: Record<string, unknown>;
  occurred_at: string;
}
