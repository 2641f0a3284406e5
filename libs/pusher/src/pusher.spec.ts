import { describe, expect, it } from 'vitest';
import {
  channelTypeOf,
  constantTimeEqual,
  httpStringToSign,
  isValidChannelName,
  signChannelAuth,
  signHttpRequest,
  signUserAuth,
  signWebhook,
  verifyChannelAuth,
  verifyHttpRequest,
  verifyUserAuth,
  verifyWebhook,
} from './index';

const SPEC = { key: '278d425bdf160c739803', secret: '7ad3773142a6692b25b8' };
const SPEC_BODY = '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}';

describe('HTTP API signing (Pusher spec vector)', () => {
  it('produces the documented body_md5 and signature', () => {
    const params = signHttpRequest({
      ...SPEC,
      method: 'POST',
      path: '/apps/3/events',
      body: SPEC_BODY,
      timestamp: 1353088179,
    });
    expect(params.body_md5).toBe('ec365a775a4cd0599faeb73354201b6f');
    expect(params.auth_signature).toBe('da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c');
    expect(httpStringToSign('post', '/apps/3/events', params)).toBe(
      'POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f',
    );
  });

  it('verifies the vector and refuses tampering, stale timestamps and other versions', () => {
    const params = signHttpRequest({
      ...SPEC,
      method: 'POST',
      path: '/apps/3/events',
      body: SPEC_BODY,
      timestamp: 1353088179,
    });
    const base = { secret: SPEC.secret, method: 'POST', path: '/apps/3/events', now: 1353088179 + 599 };
    expect(verifyHttpRequest({ ...base, params, rawBody: SPEC_BODY })).toEqual({ ok: true });
    expect(verifyHttpRequest({ ...base, params, rawBody: SPEC_BODY.replace('foo', 'bar') })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/body_md5/),
    });
    expect(verifyHttpRequest({ ...base, now: 1353088179 + 601, params, rawBody: SPEC_BODY })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/timestamp/),
    });
    expect(
      verifyHttpRequest({ ...base, params: { ...params, auth_version: '2.0' }, rawBody: SPEC_BODY }),
    ).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(verifyHttpRequest({ ...base, path: '/apps/4/events', params, rawBody: SPEC_BODY })).toMatchObject({
      ok: false,
      reason: 'Invalid signature',
    });
    expect(verifyHttpRequest({ ...base, secret: 'other', params, rawBody: SPEC_BODY })).toMatchObject({
      ok: false,
    });
  });

  it('signs GET requests with extra parameters and no body_md5', () => {
    const params = signHttpRequest({
      ...SPEC,
      method: 'GET',
      path: '/apps/3/channels',
      params: { filter_by_prefix: 'presence-' },
      timestamp: 1,
    });
    expect(params.body_md5).toBeUndefined();
    expect(
      verifyHttpRequest({ secret: SPEC.secret, method: 'GET', path: '/apps/3/channels', params, now: 1 }),
    ).toEqual({ ok: true });
    expect(
      verifyHttpRequest({
        secret: SPEC.secret,
        method: 'GET',
        path: '/apps/3/channels',
        params: { ...params, filter_by_prefix: 'private-' },
        now: 1,
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('channel and user authentication', () => {
  it('matches the Pusher documentation example for private channels', () => {
    // https://pusher.com/docs/channels/library_auth_reference/auth-signatures
    const app = { key: '278d425bdf160c739803', secret: '7ad3773142a6692b25b8' };
    expect(signChannelAuth(app, '1234.1234', 'private-foobar')).toBe(
      '278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4',
    );
  });

  it('includes channel_data for presence and refuses a different socket or data', () => {
    const app = { key: 'k', secret: 's' };
    const data = JSON.stringify({ user_id: '1' });
    const auth = signChannelAuth(app, '1.2', 'presence-x', data);
    expect(verifyChannelAuth(app, auth, '1.2', 'presence-x', data)).toBe(true);
    expect(verifyChannelAuth(app, auth, '1.3', 'presence-x', data)).toBe(false);
    expect(verifyChannelAuth(app, auth, '1.2', 'presence-x', JSON.stringify({ user_id: '2' }))).toBe(false);
    expect(verifyChannelAuth(app, auth, '1.2', 'presence-x')).toBe(false);
  });

  it('signs user sign-in and webhooks', () => {
    const app = { key: 'k', secret: 's' };
    const auth = signUserAuth(app, '1.2', '{"id":"7"}');
    expect(verifyUserAuth(app, auth, '1.2', '{"id":"7"}')).toBe(true);
    expect(verifyUserAuth(app, auth, '1.2', '{"id":"8"}')).toBe(false);
    const body = '{"time_ms":1,"events":[]}';
    expect(signWebhook('s', body)).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyWebhook('s', body, signWebhook('s', body))).toBe(true);
    expect(verifyWebhook('s', `${body} `, signWebhook('s', body))).toBe(false);
  });

  it('compares in constant time and handles different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('channel names', () => {
  it('classifies channels by prefix', () => {
    expect(channelTypeOf('orders')).toBe('public');
    expect(channelTypeOf('private-task.1')).toBe('private');
    expect(channelTypeOf('presence-workspace.1')).toBe('presence');
    expect(channelTypeOf('private-encrypted-x')).toBe('private-encrypted');
    expect(channelTypeOf('cache-x')).toBe('cache');
    expect(channelTypeOf('presence-cache-x')).toBe('presence-cache');
  });

  it('accepts only the allowed characters and length', () => {
    expect(isValidChannelName('private-task.1-2_3=@,;')).toBe(true);
    expect(isValidChannelName('a b')).toBe(false);
    expect(isValidChannelName('x'.repeat(165))).toBe(false);
    expect(isValidChannelName('')).toBe(false);
    expect(isValidChannelName(42)).toBe(false);
  });
});
