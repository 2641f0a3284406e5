import { Foundation1764000000000 } from './api/1764000000000-foundation';
import { RuncibleAudit1765000000000 } from './audit/1765000000000-runcible-audit';
import { Domain1764100000000 } from './api/1764100000000-domain';
import { RealtimeApps1764200000000 } from './api/1764200000000-realtime-apps';
import { SubjectKeys1766000000000 } from './audit/1766000000000-subject-keys';
import { KeyRotations1767100000000 } from './audit/1767100000000-key-rotations';
import { LeafFormat21767100000001 } from './audit/1767100000001-leaf-format-2';
import { CheckpointCosignatures1767100000002 } from './audit/1767100000002-checkpoint-cosignatures';
import { StatusFeedIndex1767200000000 } from './audit/1767200000000-status-feed-index';
import { SealedOutputs1767300000000 } from './audit/1767300000000-sealed-outputs';
import { CertificationIdempotencyKeys1765700000000 } from './audit/1765700000000-certification-idempotency-keys';
import { Workflows1764300000000 } from './api/1764300000000-workflows';
import { Time1764400000000 } from './api/1764400000000-time';
import { Financial1764500000000 } from './api/1764500000000-financial';
import { Webhooks1764600000000 } from './api/1764600000000-webhooks';
import { TaskCertificationRequests1764900000000 } from './api/1764900000000-task-certification-requests';
import { MaintenanceRuns1764950000000 } from './api/1764950000000-maintenance-runs';
import { TaskListIndexes1764960000000 } from './api/1764960000000-task-list-indexes';
import { PushSubscriptions1764970000000 } from './api/1764970000000-push-subscriptions';
import { IdempotencyKeys1764980000000 } from './api/1764980000000-idempotency-keys';
import { LegacyImport1764987000000 } from './api/1764987000000-legacy-import';
import { Witness1765100000000 } from './api/1765100000000-witness';
import { CertificationFeed1765200000000 } from './api/1765200000000-certification-feed';
import { Invitations1765500000000 } from './api/1765500000000-invitations';
import { Notifications1765500000001 } from './api/1765500000001-notifications';
import { SearchIndexes1765600000000 } from './api/1765600000000-search-indexes';
import { DataExports1765610000000 } from './api/1765610000000-data-exports';
import { AuditDeadLetters1765300000000 } from './api/1765300000000-audit-dead-letters';
import { RealtimeClientEventsOff1765300000001 } from './api/1765300000001-realtime-client-events-off';

/**
 * Migrations in order, imported explicitly so the same list runs from compiled code, from tests and
 * from the CLI. Never edit a committed migration: add a new one at the end.
 */
export const apiMigrations = [
  Foundation1764000000000,
  Domain1764100000000,
  RealtimeApps1764200000000,
  Workflows1764300000000,
  Time1764400000000,
  Financial1764500000000,
  Webhooks1764600000000,
  TaskCertificationRequests1764900000000,
  MaintenanceRuns1764950000000,
  TaskListIndexes1764960000000,
  PushSubscriptions1764970000000,
  IdempotencyKeys1764980000000,
  LegacyImport1764987000000,
  CertificationFeed1765200000000,
  Invitations1765500000000,
  Notifications1765500000001,
  SearchIndexes1765600000000,
  DataExports1765610000000,
  AuditDeadLetters1765300000000,
  Witness1765100000000,
  RealtimeClientEventsOff1765300000001,
];

export const auditMigrations: (new () => unknown)[] = [
  RuncibleAudit1765000000000,
  SubjectKeys1766000000000,
  KeyRotations1767100000000,
  LeafFormat21767100000001,
  CheckpointCosignatures1767100000002,
  StatusFeedIndex1767200000000,
  SealedOutputs1767300000000,
  CertificationIdempotencyKeys1765700000000,
];

export { AUDIT_TABLES, RUNCIBLE_APP_ROLE } from './audit/1765000000000-runcible-audit';
