/**
 * The permission catalogue. `<resource>:<action>`; resources with OAuth scopes are listed in
 * SCOPED_RESOURCES (libs/platform). Roles below are the templates every new tenant receives.
 */
export const Permission = {
  UsersRead: 'users:read',
  UsersWrite: 'users:write',
  /** Pseudonymizes a user (GDPR erasure); tenant admins only, never a client. */
  UsersErase: 'users:erase',
  RolesManage: 'roles:manage',
  ClientsManage: 'clients:manage',
  ProgramsRead: 'programs:read',
  ProgramsWrite: 'programs:write',
  TasksRead: 'tasks:read',
  TasksWrite: 'tasks:write',
  WorkflowsRead: 'workflows:read',
  WorkflowsWrite: 'workflows:write',
  WorkflowsVote: 'workflows:vote',
  WorkLogsRead: 'work-logs:read',
  WorkLogsWrite: 'work-logs:write',
  WorkLogsApprove: 'work-logs:approve',
  FinancialRead: 'financial:read',
  FinancialWrite: 'financial:write',
  CertificationsRead: 'certifications:read',
  CertificationsWrite: 'certifications:write',
  CertificationsReview: 'certifications:review',
  CertificationsRevoke: 'certifications:revoke',
  AuditRead: 'audit:read',
  AdminQueues: 'admin:queues',
  /** Outgoing webhook subscriptions of the tenant (never delegated to OAuth clients). */
  WebhooksManage: 'webhooks:manage',
} as const;

export type PermissionName = (typeof Permission)[keyof typeof Permission];

export const ALL_PERMISSIONS: PermissionName[] = Object.values(Permission);

export interface RoleTemplate {
  key: string;
  name: string;
  description: string;
  parent?: string;
  permissions: PermissionName[];
}

/** Roles inherit every permission of their parent. */
export const SYSTEM_ROLES: RoleTemplate[] = [
  {
    key: 'viewer',
    name: 'Viewer',
    description: 'Reads programs, tasks and workflows',
    permissions: [
      Permission.ProgramsRead,
      Permission.TasksRead,
      Permission.WorkflowsRead,
      Permission.UsersRead,
    ],
  },
  {
    key: 'member',
    name: 'Member',
    description: 'Works on tasks, votes, logs time and requests certifications',
    parent: 'viewer',
    permissions: [
      Permission.TasksWrite,
      Permission.WorkflowsVote,
      Permission.WorkLogsRead,
      Permission.WorkLogsWrite,
      Permission.CertificationsRead,
      Permission.CertificationsWrite,
    ],
  },
  {
    key: 'project_manager',
    name: 'Project manager',
    description: 'Runs programs: workflows, approvals, budgets and invoices',
    parent: 'member',
    permissions: [
      Permission.ProgramsWrite,
      Permission.WorkflowsWrite,
      Permission.WorkLogsApprove,
      Permission.FinancialRead,
      Permission.FinancialWrite,
      Permission.AuditRead,
    ],
  },
  {
    key: 'compliance_officer',
    name: 'Compliance officer',
    description: 'Reviews, verifies and revokes certifications; reads the audit trail',
    parent: 'viewer',
    permissions: [
      Permission.CertificationsRead,
      Permission.CertificationsWrite,
      Permission.CertificationsReview,
      Permission.CertificationsRevoke,
      Permission.AuditRead,
    ],
  },
  {
    key: 'admin',
    name: 'Tenant administrator',
    description: 'Everything in the tenant, including users, roles and OAuth clients',
    parent: 'project_manager',
    permissions: ALL_PERMISSIONS,
  },
];
