import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { InviteUserForm } from '@/features/admin/components/invite-user-form';

function renderForm() {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <InviteUserForm
        roles={[
          { id: 'r1', key: 'member', name: 'Member', description: null, inherits: null, permissions: [] },
        ]}
      />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('the invite form', () => {
  it('refuses what the API would refuse, with the API’s messages, next to the fields', async () => {
    const user = renderForm();
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('must be a valid email address')).toBeInTheDocument();
    expect(screen.getByText('must be between 1 and 200 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('must be between 1 and 200 characters');
  });

  it('sends valid input (here to an unconfigured API client, whose error is shown)', async () => {
    const user = renderForm();
    await user.type(screen.getByLabelText('Email'), 'ada@example.test');
    await user.type(screen.getByLabelText('Name'), 'Ada');
    await user.selectOptions(screen.getByLabelText('Role in the organisation'), 'member');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The API client is not configured yet.');
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.test');
  });
});
