import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskDependencies } from '@/features/tasks/components/task-dependencies';

/**
 * A small stand-in for the API's dependency routes, with its rules: a cycle is refused with 422 in words
 * (ids only in the details), a task the caller may not read is listed without its name.
 */
const server = vi.hoisted(() => ({
  tasks: [] as Array<{ id: string; title: string; status: string; readable: boolean }>,
  edges: [] as Array<{ blocker: string; blocked: string }>,
  requests: [] as string[],
}));

vi.mock('@/lib/api-client', async (importActual) => {
  const actual = await importActual<typeof import('@/lib/api-client')>();
  const ok = (data: unknown, status = 200) => ({ data: { data }, response: new Response(null, { status }) });
  const refuse = (status: number, error: unknown) => ({
    error: { error },
    response: new Response(null, { status }),
  });
  const view = (id: string) => {
    const t = server.tasks.find((x) => x.id === id)!;
    return {
      task_id: id,
      type: 'finish_to_start',
      title: t.readable ? t.title : null,
      status: t.readable ? t.status : null,
    };
  };
  const dependencies = (id: string) => ({
    blocked_by: server.edges.filter((e) => e.blocked === id).map((e) => view(e.blocker)),
    blocks: server.edges.filter((e) => e.blocker === id).map((e) => view(e.blocked)),
  });
  const path = (from: string, to: string): string[] | null => {
    if (from === to) return [from];
    for (const e of server.edges.filter((x) => x.blocker === from)) {
      const rest = path(e.blocked, to);
      if (rest) return [from, ...rest];
    }
    return null;
  };
  const title = (id: string) => `“${server.tasks.find((t) => t.id === id)!.title}”`;
  type Init = { params: { path?: Record<string, string>; query?: Record<string, string> }; body?: unknown };
  const client = {
    GET: async (route: string, init: Init) => {
      server.requests.push(`GET ${route}`);
      if (route === '/api/v1/tasks/{id}/dependencies') return ok(dependencies(init.params.path!.id));
      // as the API: a sparse fieldset names selectable fields only (the id always comes)
      const unknown = (init.params.query?.fields ?? '')
        .split(',')
        .filter((f) => f && !['title', 'status', 'program_id', 'priority'].includes(f));
      if (unknown.length)
        return refuse(422, {
          code: 'VALIDATION_ERROR',
          message: 'Validation failed',
          details: [{ field: 'fields', message: `unknown fields: ${unknown.join(', ')}` }],
        });
      const q = (init.params.query?.['filter[q]'] ?? '').toLowerCase();
      return ok(
        server.tasks
          .filter((t) => t.readable && t.title.toLowerCase().includes(q))
          .map(({ id, title, status }) => ({ id, title, status })),
      );
    },
    POST: async (route: string, init: Init) => {
      server.requests.push(`POST ${route}`);
      const id = init.params.path!.id;
      const blocker = (init.body as { blocker_id: string }).blocker_id;
      const existing = path(id, blocker);
      if (existing) {
        const cycle = [...existing, id];
        const words = cycle
          .slice(1)
          .map((c, i) =>
            i === cycle.length - 2 ? `, which would block ${title(c)}` : `, which blocks ${title(c)}`,
          )
          .join('')
          .replace(/^, which blocks/, ' blocks')
          .replace(/^, which would block/, ' would block');
        return refuse(422, {
          code: 'UNPROCESSABLE_ENTITY',
          message: `Adding this dependency would create a cycle: ${title(cycle[0])}${words}.`,
          details: [{ field: 'blocker_id', message: `cycle: ${cycle.join(' -> ')}`, cycle }],
        });
      }
      server.edges.push({ blocker, blocked: id });
      return ok(dependencies(id));
    },
    DELETE: async (route: string, init: Init) => {
      server.requests.push(`DELETE ${route}`);
      const { id, blockerId } = init.params.path!;
      server.edges = server.edges.filter((e) => !(e.blocked === id && e.blocker === blockerId));
      return { data: undefined, response: new Response(null, { status: 204 }) };
    },
  };
  return { ...actual, api: () => client };
});

beforeEach(() => {
  server.tasks = [
    { id: 'design', title: 'Design', status: 'done', readable: true },
    { id: 'build', title: 'Build', status: 'in_progress', readable: true },
    { id: 'ship', title: 'Ship', status: 'todo', readable: true },
    { id: 'docs', title: 'Write the docs', status: 'todo', readable: true },
    { id: 'secret', title: 'Secret acquisition', status: 'todo', readable: false },
  ];
  // design → build → ship, and a blocker in a program the user was not given
  server.edges = [
    { blocker: 'design', blocked: 'build' },
    { blocker: 'build', blocked: 'ship' },
    { blocker: 'secret', blocked: 'build' },
  ];
  server.requests = [];
});

function renderBuild() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <TaskDependencies task={{ id: 'build', title: 'Build' }} />
    </QueryClientProvider>,
  );
}

describe('editing a task’s dependencies by name', () => {
  it('lists them by name and status, never by id, and says when a task cannot be seen', async () => {
    renderBuild();
    const first = await screen.findByRole('list', { name: 'Must finish first' });
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Blocked by “Design” · DoneRemove', 'Blocked by a task you cannot seeRemove']);
    const waiting = screen.getByRole('list', { name: 'Waiting for this task' });
    expect(waiting).toHaveTextContent('Blocks “Ship” · To do');
    expect(document.body.textContent).not.toMatch(/secret|design\b/);
  });

  it('adds a blocker chosen by its title, and shows the API’s cycle refusal in words', async () => {
    const user = userEvent.setup();
    renderBuild();
    await screen.findByRole('list', { name: 'Must finish first' });
    const picker = screen.getByRole('combobox', { name: 'Must finish first' });
    // the task itself and its blockers are not offered; the invisible one is not listed by the API
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a task', 'Ship (To do)', 'Write the docs (To do)']);

    await user.selectOptions(picker, 'Ship (To do)');
    await user.click(screen.getByRole('button', { name: 'Add dependency' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Adding this dependency would create a cycle: “Build” blocks “Ship”, which would block “Build”.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('cycle: build');

    await user.type(screen.getByRole('searchbox', { name: 'Find a task' }), 'docs');
    await screen.findByRole('option', { name: 'Write the docs (To do)' });
    expect(within(picker).queryByRole('option', { name: 'Ship (To do)' })).toBeNull();
    await user.selectOptions(picker, 'Write the docs (To do)');
    await user.click(screen.getByRole('button', { name: 'Add dependency' }));
    expect(await screen.findByRole('status')).toHaveTextContent('“Build” now waits for “Write the docs”.');
    const first = await screen.findByRole('list', { name: 'Must finish first' });
    await within(first).findByText(/Blocked by “Write the docs”/);
    expect(server.edges).toContainEqual({ blocker: 'docs', blocked: 'build' });
  });

  it('removes a blocker and a waiting task', async () => {
    const user = userEvent.setup();
    renderBuild();
    await screen.findByRole('list', { name: 'Must finish first' });
    await user.click(screen.getByRole('button', { name: 'Remove the dependency on Design' }));
    expect(await screen.findByRole('status')).toHaveTextContent('“Build” no longer waits for “Design”.');
    await user.click(screen.getByRole('button', { name: 'Remove the dependency on Ship' }));
    expect(await screen.findByRole('status')).toHaveTextContent('“Ship” no longer waits for “Build”.');
    expect(server.edges).toEqual([{ blocker: 'secret', blocked: 'build' }]);
    expect(await screen.findByText('Blocked by a task you cannot see')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Waiting for this task' })).toBeNull();
  });
});
