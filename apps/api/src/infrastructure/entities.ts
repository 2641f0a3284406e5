import {
  CertificationFeedCursor,
  CertificationProjection,
} from '../certifications/certification-projection.entity';
import {
  AccessPermission,
  AccessRole,
  RoleAssignment,
  UserGroup,
  UserGroupMember,
} from '../access/access.entities';
import { PasswordResetToken } from '../identity/password-reset-token.entity';
import { User } from '../identity/user.entity';
import { OAuthClient, OAuthSigningKey, OidcPayload } from '../oauth/oauth.entities';
import { Tenant } from '../tenancy/tenant.entity';
import { AuditOutboxEntry } from '../audit/audit-outbox.entity';
import { AuditDeadLetter } from '../audit/audit-dead-letter.entity';
import { DomainEventRecord, TenantEventCounter } from '../events/domain-event.entity';
import { Program } from '../programs/program.entity';
import { Task, TaskDependency } from '../tasks/task.entity';
import {
  Workflow,
  WorkflowInstance,
  WorkflowInstanceVote,
  WorkflowState,
  WorkflowTransition,
} from '../workflows/workflow.entity';
import { TimeCard, WorkLog } from '../time/time.entities';
import {
  Budget,
  Contract,
  ExchangeRate,
  Expense,
  Invoice,
  InvoiceLine,
  Payment,
} from '../financial/financial.entities';
import { WebhookDelivery, WebhookSubscription } from '../webhooks/webhook.entities';
import { CertificationRequest } from '../workflows/certification-request.entity';
import { PushSubscription } from '../push/push-subscription.entity';
import { DataExport } from '../exports/data-export.entity';
import { Notification, NotificationPreference } from '../notifications/notification.entities';

/** Every entity of the primary database. Add new ones here. */
export const apiEntities = [
  Tenant,
  User,
  PasswordResetToken,
  AccessRole,
  AccessPermission,
  UserGroup,
  UserGroupMember,
  RoleAssignment,
  OAuthClient,
  OidcPayload,
  OAuthSigningKey,
  Program,
  Task,
  TaskDependency,
  AuditOutboxEntry,
  AuditDeadLetter,
  DomainEventRecord,
  TenantEventCounter,
  Workflow,
  WorkflowState,
  WorkflowTransition,
  WorkflowInstance,
  WorkflowInstanceVote,
  CertificationRequest,
  TimeCard,
  WorkLog,
  ExchangeRate,
  Contract,
  Budget,
  Expense,
  Invoice,
  InvoiceLine,
  Payment,
  WebhookSubscription,
  WebhookDelivery,
  PushSubscription,
  Notification,
  NotificationPreference,
  CertificationProjection,
  CertificationFeedCursor,
  DataExport,
];
