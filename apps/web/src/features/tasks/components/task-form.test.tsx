import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TaskForm, taskFormSchema } from '@/features/tasks/components/task-form';

describe('the task form schema', () => {
  const valid = {
    title: 'Draft the plan',
    description: '',
    program_id: '0b8f5a52-3f7e-4c5e-9d0a-6f1f0e6a2b11',
    status: 'todo',
    priority: '3',
    due_date: '',
  };

  it('accepts a task, coercing the priority from the number input', () => {
    expect(taskFormSchema.parse(valid)).toMatchObject({ title: 'Draft the plan', priority: 3, due_date: '' });
  });

  it('names each invalid field with a message people understand', () => {
    const result = taskFormSchema.safeParse({
      ...valid,
      title: '  ',
      program_id: '',
      priority: '9',
      due_date: '31/12/2026',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      title: 'Title is required',
      program_id: 'Choose a program',
      priority: 'From 1 to 5',
      due_date: 'A date like 2026-12-31',
    });
  });
});

describe('the task form', () => {
  it('shows the field errors and sends nothing while the input is invalid', async () => {
    const done: string[] = [];
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <TaskForm onDone={(outcome) => done.push(outcome)} />
      </QueryClientProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create task' }));
    expect(await screen.findByText('Title is required')).toBeInTheDocument();
    expect(screen.getByText('Choose a program', { selector: 'p' })).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(done).toEqual([]);
  });
});
