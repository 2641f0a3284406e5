import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@/features/users/api/get-me';
import { PanelAccessProvider, PanelContentProvider } from '@/features/workspace/components/panel-content';
import { Workspace } from '@/features/workspace/components/workspace';
import { useLayoutStore, type PanelKind } from '@/features/workspace/stores/layout-store';
import { mayAdminister, panelAccess } from '@/app/panel-access';

const kinds = (...k: PanelKind[]) => k;

const member: Me = {
  kind: 'user',
  id: 'u1',
  roles: ['member'],
  permissions: ['tasks:read', 'tasks:write', 'work-logs:read', 'certifications:read', 'workflows:read'],
  context_permissions: [],
};
const manager: Me = {
  ...member,
  roles: ['project_manager'],
  permissions: [...member.permissions!, 'audit:read', 'financial:read'],
};
const admin: Me = { ...manager, roles: ['admin'], permissions: [...manager.permissions!, 'users:write'] };

describe('what the user may use', () => {
  it("offers a member's panels without the audit trail and finances, a manager's with them", () => {
    const mine = panelAccess({ data: member, isError: false });
    expect(kinds('task-list', 'task-detail', 'timesheet', 'certification').every(mine)).toBe(true);
    expect(kinds('audit-history', 'financial', 'review-queue').some(mine)).toBe(false);
    const theirs = panelAccess({ data: manager, isError: false });
    expect(theirs('audit-history') && theirs('financial')).toBe(true);
  });

  it('needs the audit trail tenant-wide: a grant on one program does not open it', () => {
    const guest: Me = { kind: 'user', permissions: [], context_permissions: ['tasks:read', 'audit:read'] };
    const allowed = panelAccess({ data: guest, isError: false });
    expect(allowed('task-list')).toBe(true);
    expect(allowed('audit-history')).toBe(false);
  });

  it('shows only the task panels until /users/me answers, and every panel if it cannot be read', () => {
    const loading = panelAccess({ data: undefined, isError: false });
    expect(kinds('task-list', 'task-detail').every(loading)).toBe(true);
    expect(loading('audit-history')).toBe(false);
    expect(panelAccess({ data: undefined, isError: true })('audit-history')).toBe(true);
  });

  it('shows the Administration link to those who may administer the organisation only', () => {
    expect(mayAdminister(admin)).toBe(true);
    expect(mayAdminister(manager)).toBe(false);
    expect(mayAdminister(member)).toBe(false);
    expect(mayAdminister(undefined)).toBe(false);
  });
});

describe('the workspace', () => {
  beforeEach(() => {
    useLayoutStore.getState().load('u1');
    // jsdom has no layout: the resizable panels only need the observer to exist
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("leaves out the default layout's panels the user may not use, and does not offer them", () => {
    render(
      <MemoryRouter>
        <PanelAccessProvider value={panelAccess({ data: member, isError: false })}>
          <PanelContentProvider value={(kind) => <p>{kind} content</p>}>
            <Workspace />
          </PanelContentProvider>
        </PanelAccessProvider>
      </MemoryRouter>,
    );
    expect(screen.getByRole('region', { name: 'Task list' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Task detail' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Audit history' })).not.toBeInTheDocument();
    const options = screen.getAllByRole('combobox', { name: 'Panel content' })[0]!.querySelectorAll('option');
    expect([...options].map((o) => o.textContent)).not.toContain('Audit history');
    expect([...options].map((o) => o.textContent)).toContain('Timesheet');
    // the saved layout keeps the panel, should the user be given access
    expect(useLayoutStore.getState().layout.columns.flatMap((c) => c.panels.map((p) => p.kind))).toContain(
      'audit-history',
    );
  });
});
