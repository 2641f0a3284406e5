import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/push/vapid-public-key: the applicationServerKey to subscribe with. */
export async function getVapidPublicKey(): Promise<string> {
  return (await unwrap<{ public_key: string }>(api().GET('/api/v1/push/vapid-public-key'))).data.public_key;
}

/** POST /api/v1/push/subscriptions with PushSubscription.toJSON() (idempotent by endpoint). */
export async function savePushSubscription(subscription: PushSubscriptionJSON): Promise<void> {
  await unwrap(
    api().POST('/api/v1/push/subscriptions', {
      body: {
        endpoint: subscription.endpoint ?? '',
        keys: { p256dh: subscription.keys?.p256dh ?? '', auth: subscription.keys?.auth ?? '' },
        expirationTime: subscription.expirationTime ?? null,
      },
    }),
  );
}

/** DELETE /api/v1/push/subscriptions: 404 (already gone on the server) counts as done. */
export async function deletePushSubscription(endpoint: string): Promise<void> {
  const { response } = await api().DELETE('/api/v1/push/subscriptions', { body: { endpoint } });
  if (!response.ok && response.status !== 404)
    await unwrap(Promise.resolve({ error: await response.json().catch(() => ({})), response }));
}
