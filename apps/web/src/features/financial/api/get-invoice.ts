import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { Invoice } from '@/features/financial/api/list-invoices';

export interface InvoiceLine {
  position: number;
  kind: string;
  source_id: string | null;
  description: string;
  quantity_minutes: number | null;
  unit_price_minor: number;
  amount_minor: number;
}

export interface Payment {
  id: string;
  amount_minor: number;
  paid_on: string;
  reference: string | null;
  created_at: string;
}

/** GET /api/v1/financial/invoices/{id}: the invoice with its line items and payments. */
export interface InvoiceDetail extends Invoice {
  lines: InvoiceLine[];
  payments: Payment[];
}

export const invoiceKey = (id: string) => ['financial', 'invoices', 'detail', id] as const;

export async function getInvoice(id: string): Promise<InvoiceDetail> {
  return (
    await unwrap<InvoiceDetail>(api().GET('/api/v1/financial/invoices/{id}', { params: { path: { id } } }))
  ).data;
}

export const invoiceQuery = (id: string) =>
  queryOptions({ queryKey: invoiceKey(id), queryFn: () => getInvoice(id) });

export function useInvoice(id: string | null) {
  return useQuery({ ...invoiceQuery(id ?? ''), enabled: !!id });
}
