import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { invoiceKey, type InvoiceDetail } from '@/features/financial/api/get-invoice';

/**
 * The invoice's state changes: issue (numbers the draft; If-Match of the version shown), void (an issued
 * invoice without payments), and record a payment (partial or full; overpayment is refused). Online only:
 * these are financial records the server must decide at once, so they are not queued offline.
 */
export type InvoiceChange =
  | { kind: 'issue'; invoice: Pick<InvoiceDetail, 'id' | 'version'> }
  | { kind: 'void'; invoice: Pick<InvoiceDetail, 'id' | 'version'> }
  | {
      kind: 'pay';
      invoice: Pick<InvoiceDetail, 'id' | 'version'>;
      payment: { amount_minor: number; paid_on: string; reference?: string };
    };

export async function changeInvoice(change: InvoiceChange): Promise<InvoiceDetail> {
  const path = { id: change.invoice.id };
  switch (change.kind) {
    case 'issue':
      return (
        await unwrap<InvoiceDetail>(
          api().POST('/api/v1/financial/invoices/{id}/issue', {
            params: { path, header: { 'If-Match': `"${change.invoice.version}"` } },
          }),
        )
      ).data;
    case 'void':
      return (
        await unwrap<InvoiceDetail>(api().POST('/api/v1/financial/invoices/{id}/void', { params: { path } }))
      ).data;
    case 'pay':
      return (
        await unwrap<InvoiceDetail>(
          api().POST('/api/v1/financial/invoices/{id}/payments', { params: { path }, body: change.payment }),
        )
      ).data;
  }
}

export function useChangeInvoice(send: (change: InvoiceChange) => Promise<InvoiceDetail> = changeInvoice) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKey(invoice.id), invoice);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['financial', 'invoices', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['financial', 'budgets'] }),
      ]);
    },
  });
}
