import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuthStore } from '@/lib/auth/auth-store';
import type { BoardTask } from '@/features/workflows/api/list-board-tasks';
import { VotesPanel } from '@/features/workflows/components/votes-panel';

const ME = '11111111-1111-4111-8111-111111111111';
const PM2 = '22222222-2222-4222-8222-222222222222';
const PM3 = '33333333-3333-4333-8333-333333333333';

/**
 * A stand-in for the API's workflow routes with its rules: two approvals of two votes move review → done;
 * a second vote in the round is refused (409) unless it says replace: true; the move checks the votes.
 */
const server = vi.hoisted(() => ({
  state: 'review',
  version: 4,
  votes: [] as Array<{ voter_id: string; decision: string; comment: string; cast_at: string }>,
  bodies: [] as unknown[],
}));

vi.mock('@/lib/api-client', async (importActual) => {
  const actual = await importActual<typeof import('@/lib/api-client')>();
  const ok = (data: unknown) => ({ data: { data }, response: new Response(null, { status: 200 }) });
  const refuse = (status: number, error: unknown) => ({
    error: { error },
    response: new Response(null, { status }),
  });
  const tally = () => {
    const approvals = server.votes.filter((v) => v.decision === 'approve').length;
    return {
      quorum: 2,
      approvals_required: 2,
      votes_cast: server.votes.length,
      approvals,
      rejections: server.votes.length - approvals,
      satisfied: server.votes.length >= 2 && approvals >= 2,
      votes: server.votes,
    };
  };
  type Init = { params: { path: { id: string } }; body: Record<string, unknown> };
  const client = {
    GET: async () =>
      ok({
        workflow_id: 'wf',
        instance_id: 'i',
        state: server.state,
        round: 1,
        transitions:
          server.state === 'review'
            ? [
                { to: 'in_progress', name: 'Request changes', votes: null },
                { to: 'done', name: 'Approve', votes: tally() },
              ]
            : [],
      }),
    POST: async (route: string, init: Init) => {
      server.bodies.push(init.body);
      if (route === '/api/v1/workflows/{id}/vote') {
        const earlier = server.votes.find((v) => v.voter_id === ME);
        if (earlier && init.body.replace !== true)
          return refuse(409, {
            code: 'CONFLICT',
            message: `You already voted against “Approve” in this round with the comment “${earlier.comment}”. To change your vote, send it again with replace: true.`,
            details: [{ field: 'replace', message: 'must be true to replace your earlier vote' }],
          });
        const vote = {
          voter_id: ME,
          decision: init.body.decision as string,
          comment: (init.body.comment as string | undefined) ?? '',
          cast_at: '2026-06-01T10:00:00Z',
        };
        server.votes = [...server.votes.filter((v) => v.voter_id !== ME), vote];
        return ok(tally());
      }
      // POST /api/v1/tasks/{id}/workflow: the API checks the votes again
      if (!tally().satisfied)
        return refuse(422, { code: 'UNPROCESSABLE_ENTITY', message: 'quorum not reached', details: [] });
      server.state = init.body.to_state as string;
      server.version += 1;
      return ok({ task: { ...task, version: server.version } });
    },
  };
  return { ...actual, api: () => client };
});

const task: BoardTask = {
  id: 'task-1',
  program_id: 'p',
  title: 'Quarterly report',
  description: '',
  status: 'in_progress',
  priority: 3,
  assignee_id: null,
  due_date: null,
  estimate_minutes: null,
  completed_at: null,
  llm_output: null,
  certification: null,
  version: 4,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  workflow: { id: 'wf', instance_id: 'i', state: 'review', state_name: 'In review', round: 1 },
};

const workflow = {
  states: [
    { key: 'in_progress', name: 'In progress', category: 'in_progress', position: 1 },
    { key: 'review', name: 'In review', category: 'in_progress', position: 2 },
    { key: 'done', name: 'Done', category: 'done', position: 3 },
  ],
};

const vote = (voter_id: string, decision: string, comment: string) => ({
  voter_id,
  decision,
  comment,
  cast_at: '2026-06-01T09:00:00Z',
});

function renderPanel() {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={client}>
      <VotesPanel task={task} workflow={workflow as never} filters={{ workflowId: 'wf' }} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  useAuthStore.getState().set('signed-in', { sub: ME });
  server.state = 'review';
  server.version = 4;
  server.votes = [];
  server.bodies = [];
});

describe('voting again', () => {
  it('shows your vote and changes it only when you choose to, keeping what you wrote in view', async () => {
    server.votes = [vote(ME, 'reject', 'needs tests')];
    const user = userEvent.setup();
    renderPanel();
    expect(await screen.findByText('Your vote: Rejected — “needs tests”')).toBeInTheDocument();
    // no ballot that would overwrite it silently
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Change your vote' }));
    const comment = screen.getByRole('textbox', { name: 'Comment' });
    expect(comment).toHaveValue('needs tests');
    expect(screen.getByText(/replaces your earlier one and its comment/)).toBeInTheDocument();
    await user.clear(comment);
    await user.type(comment, 'tests added');
    await user.click(screen.getByRole('button', { name: 'Approve' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your vote is changed: approval recorded.');
    expect(await screen.findByText('Your vote: Approved — “tests added”')).toBeInTheDocument();
    expect(server.bodies).toEqual([
      expect.objectContaining({ decision: 'approve', comment: 'tests added', replace: true }),
    ]);
  });

  it('a vote cast elsewhere meanwhile is not replaced: the refusal is explained and the change offered', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole('button', { name: 'Approve' });
    server.votes = [vote(ME, 'reject', 'from my phone')]; // voted on another device since the view loaded
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'You had already voted on this (perhaps on another device)',
    );
    expect(await screen.findByText('Your vote: Rejected — “from my phone”')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change your vote' })).toBeInTheDocument();
    expect(server.votes).toEqual([vote(ME, 'reject', 'from my phone')]);
  });
});

describe('a quorum reached', () => {
  it('offers the move the votes allow, and takes it', async () => {
    server.votes = [vote(PM2, 'approve', ''), vote(PM3, 'approve', 'fine')];
    const user = userEvent.setup();
    renderPanel();
    expect((await screen.findByText(/2 of 2 approvals/)).parentElement).toHaveTextContent(
      'Approve: 2 of 2 approvals, 2 of 2 votes cast — ready',
    );
    expect(screen.getByText('The vote passed: “Quarterly report” can move to Done.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move to Done' }));
    expect(await screen.findByText('“Quarterly report” moved to Done.')).toBeInTheDocument();
    expect(server.state).toBe('done');
    expect(server.bodies).toEqual([{ to_state: 'done' }]);
  });

  it('offers no move before the quorum', async () => {
    server.votes = [vote(PM2, 'approve', '')];
    renderPanel();
    expect(await screen.findByText(/1 of 2 approvals/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Move to/ })).toBeNull();
  });
});
