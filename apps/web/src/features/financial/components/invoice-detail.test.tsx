import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InvoiceChange } from '@/features/financial/api/change-invoice';
import type { InvoiceDetail } from '@/features/financial/api/get-invoice';
import { InvoiceView } from '@/features/financial/components/invoice-detail';

const invoice: InvoiceDetail = {
  id: 'i1',
  contract_id: 'k1',
  number: 'INV-2026-0001',
  status: 'issued',
  currency: 'EUR',
  period_from: '2026-03-01',
  period_to: '2026-03-31',
  tax_rate_bp: 1900,
  subtotal_minor: 15000,
  tax_minor: 2850,
  total_minor: 17850,
  paid_minor: 5000,
  notes: null,
  issued_at: '2026-04-01T09:00:00.000Z',
  voided_at: null,
  version: 2,
  lines: [
    {
      position: 1,
      kind: 'time',
      source_id: 'w1',
      description: 'Design work',
      quantity_minutes: 90,
      unit_price_minor: 10000,
      amount_minor: 15000,
    },
  ],
  payments: [{ id: 'p1', amount_minor: 5000, paid_on: '2026-04-02', reference: 'SEPA 1', created_at: '' }],
};

describe('the invoice view', () => {
  it('shows line items, tax and totals from minor units, and records a payment typed in major units', async () => {
    const sent: InvoiceChange[] = [];
    render(
      <QueryClientProvider client={new QueryClient()}>
        <InvoiceView
          invoice={invoice}
          locale="en-US"
          send={(c) => {
            sent.push(c);
            return Promise.resolve({ ...invoice, paid_minor: 17850, status: 'paid' });
          }}
        />
      </QueryClientProvider>,
    );
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: /Design work/ })).toHaveTextContent(
      '1 h 30 min€100.00€150.00',
    );
    expect(within(table).getByRole('row', { name: /Tax \(19%\)/ })).toHaveTextContent('€28.50');
    expect(within(table).getByRole('row', { name: /^Total/ })).toHaveTextContent('€178.50');
    expect(within(table).getByRole('row', { name: /Outstanding/ })).toHaveTextContent('€128.50');

    const amount = screen.getByLabelText('Amount (EUR)');
    await userEvent.type(amount, '200');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText(/At most the outstanding/)).toBeInTheDocument();
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);

    await userEvent.clear(amount);
    await userEvent.type(amount, '128.5');
    await userEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Payment recorded.');
    expect(sent).toMatchObject([{ kind: 'pay', invoice: { id: 'i1' }, payment: { amount_minor: 12850 } }]);
  });
});
