import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CreateClientForm } from '@/features/admin/components/create-client-form';

function renderForm() {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <CreateClientForm />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('the create-client form', () => {
  it('requires a name and at least one scope, and marks the invalid name field', async () => {
    const user = renderForm();
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText('Name is required')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one scope')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Name is required');
    // nothing was sent: no error from the (unconfigured) API client
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a blank or too long name', async () => {
    const user = renderForm();
    await user.type(screen.getByLabelText('Name'), '   ');
    await user.click(screen.getByLabelText('tasks:read'));
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText('Name is required')).toBeInTheDocument();
    expect(screen.queryByText('Choose at least one scope')).toBeNull();

    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'x'.repeat(101));
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText('At most 100 characters')).toBeInTheDocument();
  });

  it('submits valid input and shows why it failed, keeping what was typed', async () => {
    const user = renderForm();
    await user.type(screen.getByLabelText('Name'), 'ERP');
    await user.click(screen.getByLabelText('tasks:read'));
    await user.click(screen.getByLabelText('tasks:write'));
    await user.click(screen.getByRole('button', { name: 'Create client' }));
    // the submission reached the API client, which is not configured in this test: its error is shown
    expect(await screen.findByRole('alert')).toHaveTextContent('The API client is not configured yet.');
    expect(screen.queryByText('Name is required')).toBeNull();
    expect(screen.getByLabelText('Name')).toHaveValue('ERP');
    expect(screen.getByLabelText('tasks:write')).toBeChecked();
  });
});
