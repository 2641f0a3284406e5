import { Foundation1764000000000 } from './api/1764000000000-foundation';
import { RuncibleAudit1765000000000 } from './audit/1765000000000-runcible-audit';
import { Domain1764100000000 } from './api/1764100000000-domain';
import { RealtimeApps1764200000000 } from './api/1764200000000-realtime-apps';
import { SubjectKeys1766000000000 } from './audit/1766000000000-subject-keys';
import { Workflows1764300000000 } from './api/1764300000000-workflows';
import { Time1764400000000 } from './api/1764400000000-time';
import { Financial1764500000000 } from './api/1764500000000-financial';
import { Webhooks1764600000000 } from './api/1764600000000-webhooks';
import { TaskCertificationRequests1764900000000 } from './api/1764900000000-task-certification-requests';
import { MaintenanceRuns1764950000000 } from './api/1764950000000-maintenance-runs';
import { TaskListIndexes1764960000000 } from './api/1764960000000-task-list-indexes';
import { PushSubscriptions1764970000000 } from './api/1764970000000-push-subscriptions';

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
];

export const auditMigrations: (new () => unknown)[] = [RuncibleAudit1765000000000, SubjectKeys1766000000000];

export { AUDIT_TABLES, RUNCIBLE_APP_ROLE } from './audit/1765000000000-runcible-audit';
