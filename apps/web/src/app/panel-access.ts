import { mayUse, type Me } from '@/features/users/api/get-me';
import type { PanelAllowed } from '@/features/workspace/components/panel-content';
import type { PanelKind } from '@/features/workspace/stores/layout-store';

/** What each panel reads first: without it the panel would only show "You do not have the permission …". */
const PANEL_PERMISSIONS: Record<PanelKind, { permission: string; tenantWide?: boolean }> = {
  'task-list': { permission: 'tasks:read' },
  'task-detail': { permission: 'tasks:read' },
  'workflow-board': { permission: 'workflows:read' },
  timesheet: { permission: 'work-logs:read' },
  financial: { permission: 'financial:read' },
  certification: { permission: 'certifications:read' },
  'review-queue': { permission: 'certifications:review' },
  // GET /api/v1/audit reads the whole tenant's trail
  'audit-history': { permission: 'audit:read', tenantWide: true },
  reports: { permission: 'tasks:read' },
};

/**
 * The panels a user may use, from GET /api/v1/users/me. Until it has answered, only the task panels
 * (every role reads tasks) show, so nothing flashes an error; if it cannot be read at all (offline before
 * it was ever read), every panel shows and says for itself what it cannot load.
 */
export function panelAccess(me: { data?: Me; isError: boolean }): PanelAllowed {
  return (kind) => {
    if (me.data) return mayUse(me.data, PANEL_PERMISSIONS[kind].permission, PANEL_PERMISSIONS[kind]);
    return me.isError || kind === 'task-list' || kind === 'task-detail';
  };
}

/** Any of these, held tenant-wide, opens the administration screens (users, roles, OAuth clients). */
const ADMIN_PERMISSIONS = ['users:write', 'roles:manage', 'clients:manage'];

export function mayAdminister(me: Me | undefined): boolean {
  return !!me && ADMIN_PERMISSIONS.some((p) => mayUse(me, p, { tenantWide: true }));
}
