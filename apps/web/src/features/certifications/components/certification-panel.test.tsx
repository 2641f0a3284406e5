import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { trustQuery } from '@/features/certifications/api/get-trust';
import { CertificationPanel } from '@/features/certifications/components/certification-panel';
// Made with libs/verifier's bundle fixture: a certified bundle, and the same leaf re-proven against a newer
// checkpoint whose log revoked it (with a fresh status proof of that checkpoint): the re-proof attack.
import fixture from '@/features/certifications/components/fixtures/re-proof-attack.json';

async function verifyPasted(bundle: unknown) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(trustQuery.queryKey, fixture.trust as never);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CertificationPanel />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  const user = userEvent.setup();
  await user.click(screen.getByText('Verify a bundle file'));
  fireEvent.change(screen.getByLabelText('Bundle JSON'), { target: { value: JSON.stringify(bundle) } });
  await user.click(screen.getByRole('button', { name: 'Verify pasted bundle' }));
  return screen.findByRole('region', { name: 'Verification of the pasted bundle' });
}

describe('verifying a pasted bundle in the browser', () => {
  it('passes every check, the status proof included, for a bundle whose leaf the status map records', async () => {
    const result = await verifyPasted(fixture.bundle);
    expect(within(result).getByRole('status')).toHaveTextContent('Bundle verified: every check passed');
    expect(
      within(result)
        .getByText(/Status proof/)
        .closest('li'),
    ).toHaveTextContent(/✓ Status proof: passed — leaf \d+ \(certified\) is the latest status/);
  });

  it('fails the re-proof attack: the newer checkpoint’s status map names the revocation', async () => {
    const result = await verifyPasted(fixture.attacked);
    expect(within(result).getByRole('status')).toHaveTextContent('Verification failed');
    const size = fixture.attacked.status.as_of_checkpoint_size;
    expect(
      within(result)
        .getByText(/Status proof/)
        .closest('li'),
    ).toHaveTextContent(
      new RegExp(
        `✗ Status proof: failed — the status map of checkpoint size ${size} records leaf ${size - 1} \\(revoked\\)`,
      ),
    );
    expect(
      within(result)
        .getByText(/^Revocation$/)
        .closest('li'),
    ).toHaveTextContent(`✗ Revocation: failed — revoked as of checkpoint size ${size} (leaf ${size - 1})`);
  });
});
