/* eslint-disable @nx/enforce-module-boundaries --
 * Test support only: the worker's mail processor runs in this process, so the spec sees the whole path
 * from the API's request to what an SMTP server receives.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import * as client from 'openid-client';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig, QueueName } from '@oversing/platform';
import { workerConfigSchema } from '../../worker/src/worker.config';
import { WorkerModule } from '../../worker/src/worker.module';
import { PasswordResetService } from '../src/identity/password-reset.service';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
import { call, newTenant, newUser, RunningApi, startApi, TestTenant, TestUser } from './support/api-harness';
import { BrowserSession, csrfTokenIn } from './support/browser-session';
import { discover, exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

/**
 * Email through a real SMTP server (smtp-server) fed by the worker's `mail` processor (nodemailer):
 * invitations with a set-password link, password reset from the sign-in page, links followed as a
 * browser would, then a real sign-in.
 */

interface Received {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
}

const inbox: Received[] = [];
/** recipients the SMTP server refuses (to see failures retried and kept as dead letters) */
const refused = new Set<string>();
let smtp: SMTPServer;
let api: RunningApi;
let worker: INestApplicationContext;
let mailQueue: Queue;
const bullPrefix = `mail-${randomUUID().slice(0, 8)}`;

let tenantA: TestTenant;
let tenantB: TestTenant;
let adminA: string;
let adminB: string;
let memberA: string;

const SCOPES = 'openid users:read users:write';
const tokenOf = async (user: Pick<TestUser, 'email' | 'password'>): Promise<string> =>
  (await exchangeCode(await signInWithPkce(api, user, SCOPES))).access_token!;

async function mailTo(address: string, kind: string): Promise<Received> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const mail = inbox.find((m) => m.to === address && m.kind === kind);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${kind} mail to ${address}`);
}

/** The one link of a mail, checked to be the same in its text and HTML parts. */
function linkIn(mail: Received): string {
  const fromText = /https?:\/\/\S+token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(fromText, mail.text).toBeTruthy();
  expect(mail.html).toContain(`href="${fromText}"`);
  return fromText!;
}

/** Opens a mailed link and submits the set-password form, as a browser would. */
async function setPassword(link: string, password: string, confirm = password) {
  const browser = new BrowserSession();
  const page = await browser.request(link);
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, html, pageHtml: html };
  const token = new URL(link).searchParams.get('token')!;
  const submitted = await browser.request(`${api.url}/account/password/reset`, {
    method: 'POST',
    form: { _csrf: csrfTokenIn(html), token, password, confirm },
  });
  return { status: submitted.status, html: await submitted.text(), pageHtml: html };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(new Error('550 mailbox unavailable'));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
          inbox.push({
            to: to?.value[0]?.address ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            kind: String(parsed.headers.get('x-oversing-mail') ?? ''),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  api = await startApi({ BULLMQ_PREFIX: bullPrefix });
  worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(
      parseConfig(workerConfigSchema, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
        BULLMQ_PREFIX: bullPrefix,
        WORKER_QUEUES: 'mail',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'Oversing <no-reply@oversing.test>',
      }),
    ),
    { logger: false },
  );
  mailQueue = worker.get<Queue>(getQueueToken(QueueName.Mail));
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  const [a, b, m] = await Promise.all([
    newUser(api, tenantA, ['admin']),
    newUser(api, tenantB, ['admin']),
    newUser(api, tenantA, ['member']),
  ]);
  [adminA, adminB, memberA] = await Promise.all([tokenOf(a), tokenOf(b), tokenOf(m)]);
});

afterAll(async () => {
  await mailQueue?.obliterate({ force: true }).catch(() => undefined);
  await worker?.close();
  await api?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe('invitations by mail', () => {
  it('mails a set-password link; the invited user sets a password through it and signs in', async () => {
    const email = `invitee-${randomUUID().slice(0, 8)}@example.test`;
    const invited = await call(api, 'POST', '/api/v1/users/invitations', {
      token: adminA,
      body: { email, name: 'Ines Invitee', roles: ['member'] },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body.data).toMatchObject({ email, status: 'invited', roles: ['member'] });

    const mail = await mailTo(email, 'invitation');
    expect(mail.subject).toContain(`Tenant ${tenantA.slug}`);
    expect(mail.text).toContain('Ines Invitee');
    const link = linkIn(mail);
    expect(link.startsWith(`${api.url}/account/password/reset?token=`)).toBe(true);

    // before the link is used nothing signs in, not even a guessed password
    await expect(signInWithPkce(api, { email, password: 'correct horse battery staple' })).rejects.toThrow(
      /no code/,
    );

    const mismatch = await setPassword(link, 'a long new password 1', 'a long new password 2');
    expect(mismatch.pageHtml).toContain('Set your password');
    expect(mismatch.status).toBe(422);
    expect(mismatch.html).toContain('The two passwords do not match.');
    const short = await setPassword(link, 'short');
    expect(short.status).toBe(422);
    expect(short.html).toContain('between 12 and 256 characters');

    const done = await setPassword(link, 'my very own long password');
    expect(done.status, done.html).toBe(200);
    expect(done.html).toContain('Your password is set.');
    const token = await tokenOf({ email, password: 'my very own long password' });
    const me = await call(api, 'GET', '/api/v1/users/me', { token });
    expect(me.body.data).toMatchObject({ email, status: 'active', roles: ['member'] });

    const again = await setPassword(link, 'someone else entirely');
    expect(again.status).toBe(410);
    expect(again.html).toContain('invalid, has expired or was already used');
  });

  it('refuses bad input with the API error envelope, and duplicates by email', async () => {
    const bad = await call(api, 'POST', '/api/v1/users/invitations', {
      token: adminA,
      body: { email: 'not-an-email', name: '' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'name']);
    const email = `dup-${randomUUID().slice(0, 8)}@example.test`;
    expect(
      (await call(api, 'POST', '/api/v1/users/invitations', { token: adminA, body: { email, name: 'D' } }))
        .status,
    ).toBe(201);
    const duplicate = await call(api, 'POST', '/api/v1/users/invitations', {
      token: adminA,
      body: { email: email.toUpperCase(), name: 'D' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.details[0]).toEqual({ field: 'email', message: 'is already taken' });
  });

  it('lets only those who may write users invite, and only within their tenant', async () => {
    const forbidden = await call(api, 'POST', '/api/v1/users/invitations', {
      token: memberA,
      body: { email: `x-${randomUUID().slice(0, 8)}@example.test`, name: 'X' },
    });
    expect(forbidden.status).toBe(403);

    const email = `resend-${randomUUID().slice(0, 8)}@example.test`;
    const invited = await call(api, 'POST', '/api/v1/users/invitations', {
      token: adminA,
      body: { email, name: 'Resent' },
    });
    const id = invited.body.data.id as string;
    const otherTenant = await call(api, 'POST', `/api/v1/users/${id}/invitation`, { token: adminB });
    expect(otherTenant.status).toBe(404);
    const resent = await call(api, 'POST', `/api/v1/users/${id}/invitation`, { token: adminA });
    expect(resent.status).toBe(202);
    await mailTo(email, 'invitation');
    const deadline = Date.now() + 15_000;
    while (inbox.filter((m) => m.to === email).length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const links = inbox.filter((m) => m.to === email).map(linkIn);
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
    // using the newer link retires the older one
    expect((await setPassword(links[1], 'the accepted long password')).status).toBe(200);
    expect((await setPassword(links[0], 'x'.repeat(12))).status).toBe(410);
    const accepted = await call(api, 'POST', `/api/v1/users/${id}/invitation`, { token: adminA });
    expect(accepted.status).toBe(409);
  });
});

describe('forgotten password', () => {
  it('has a "Forgot password?" link on the sign-in page', async () => {
    const authUrl = client.buildAuthorizationUrl(await discover(api), {
      redirect_uri: WEB_REDIRECT_URI,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const page = await new BrowserSession().follow(authUrl.toString(), api.url);
    const html = await page.response.text();
    expect(html).toContain('<a href="/account/password/forgot">Forgot password?</a>');
  });

  it('mails a reset link to a known account only, answering the same; the link sets a new password once', async () => {
    const user = await newUser(api, tenantA);
    const browser = new BrowserSession();
    const form = await browser.request(`${api.url}/account/password/forgot`);
    expect(form.status).toBe(200);
    const csrf = csrfTokenIn(await form.text());

    const unknownAddress = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const unknown = await browser.request(`${api.url}/account/password/forgot`, {
      method: 'POST',
      form: { _csrf: csrf, email: unknownAddress },
    });
    const known = await browser.request(`${api.url}/account/password/forgot`, {
      method: 'POST',
      form: { _csrf: csrf, email: user.email },
    });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    const [unknownHtml, knownHtml] = [await unknown.text(), await known.text()];
    expect(unknownHtml.replace(unknownAddress, 'X')).toBe(knownHtml.replace(user.email, 'X'));

    const mail = await mailTo(user.email, 'password_reset');
    // mails are sent in order by one processor; the known account's arrived, the unknown one's never will
    expect(inbox.some((m) => m.to === unknownAddress)).toBe(false);
    expect(mail.subject).toBe('Reset your Oversing password');
    const link = linkIn(mail);
    const page = await setPassword(link, 'a fresh and long password');
    expect(page.pageHtml).toContain('Choose a new password');
    expect(page.status).toBe(200);
    await expect(tokenOf({ email: user.email, password: 'a fresh and long password' })).resolves.toBeTruthy();
    await expect(signInWithPkce(api, user)).rejects.toThrow(/no code/);
    expect((await setPassword(link, 'yet another long password')).status).toBe(410);
  });

  it('refuses a form without its CSRF token, and an expired link', async () => {
    const refusedPost = await new BrowserSession().request(`${api.url}/account/password/forgot`, {
      method: 'POST',
      form: { email: 'someone@example.test' },
    });
    expect(refusedPost.status, await refusedPost.text()).toBe(403);

    const user = await newUser(api, tenantA);
    // (through the service: the JSON route's per-IP rate limit is shared with the identity spec)
    await api.app.get(PasswordResetService).request(user.email);
    const link = linkIn(await mailTo(user.email, 'password_reset'));
    await api.app
      .get(DataSource)
      .query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
        user.id,
      ]);
    const expired = await new BrowserSession().request(link);
    expect(expired.status).toBe(410);
    const forged = await new BrowserSession().request(
      `${api.url}/account/password/reset?token=${'A'.repeat(43)}`,
    );
    expect(forged.status).toBe(410);
  });
});

describe('delivery failures', () => {
  it('retries a refused mail and keeps it as a dead letter when attempts run out', async () => {
    const address = `bounce-${randomUUID().slice(0, 8)}@example.test`;
    refused.add(address);
    const job = await mailQueue.add(
      'test',
      { to: address, subject: 'x', text: 'x', html: '<p>x</p>', kind: 'test' },
      { attempts: 2, backoff: { type: 'fixed', delay: 10 }, removeOnFail: false },
    );
    const deadline = Date.now() + 15_000;
    let state = await job.getState();
    while (state !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      state = await job.getState();
    }
    expect(state).toBe('failed');
    const failed = (await mailQueue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(2);
    expect(failed.failedReason).toMatch(/550|mailbox unavailable/);
  });
});
