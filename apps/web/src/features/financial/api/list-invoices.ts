import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * Invoices as /api/v1/financial/invoices returns them. docs/openapi/api.json documents no response schema
 * for them, so the fields read here are named here. Amounts are integer minor units of `currency`.
 */
export type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'void';
export const INVOICE_STATUSES: InvoiceStatus[] = ['draft', 'issued', 'paid', 'void'];
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  issued: 'Issued',
  paid: 'Paid',
  void: 'Void',
};

export interface Invoice {
  id: string;
  contract_id: string;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  period_from: string;
  period_to: string;
  tax_rate_bp: number;
  subtotal_minor: number;
  tax_minor: number;
  total_minor: number;
  paid_minor: number;
  notes: string | null;
  issued_at: string | null;
  voided_at: string | null;
  version: number;
}

export async function listInvoices(status?: InvoiceStatus): Promise<Invoice[]> {
  const query: Record<string, string> = {};
  if (status) query['filter[status]'] = status;
  return (
    await unwrap<Invoice[]>(api().GET('/api/v1/financial/invoices', { params: { query: query as never } }))
  ).data;
}

export const invoicesQuery = (status?: InvoiceStatus) =>
  queryOptions({
    queryKey: ['financial', 'invoices', 'list', status ?? 'all'],
    queryFn: () => listInvoices(status),
  });

export function useInvoices(status?: InvoiceStatus) {
  return useQuery(invoicesQuery(status));
}
