import { describe, expect, it } from 'vitest';
import { parseAddressAllowlist } from '@oversing/platform';
import { webhookUrlProblem } from './webhook-url';

describe('webhookUrlProblem', () => {
  it('allows http outside production and requires https in production', () => {
    expect(webhookUrlProblem('http://erp.example.com/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://erp.example.com/hook', true)).toEqual({
      field: 'url',
      message: 'must use https',
    });
    expect(webhookUrlProblem('https://erp.example.com/hook', true)).toBeNull();
    expect(webhookUrlProblem('https://93.184.215.14/hook', true)).toBeNull();
  });

  it('refuses every non-public address literal in every environment, however it is spelt', () => {
    for (const host of [
      '127.0.0.1:6379',
      'localhost',
      'api.localhost',
      '0x7f000001',
      '2130706433',
      '0177.0.0.1',
      '10.1.2.3',
      '192.168.0.1',
      '172.20.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '198.18.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '[::1]',
      '[::]',
      '[::ffff:127.0.0.1]',
      '[::127.0.0.1]',
      '[64:ff9b::a00:1]',
      '[fd00::1]',
      '[fe80::1]',
    ]) {
      for (const production of [false, true]) {
        expect(webhookUrlProblem(`https://${host}/x`, production)?.message, host).toMatch(/non-public/);
      }
    }
  });

  it('lets an explicit OUTBOUND_ALLOWLIST reach local receivers (development, tests)', () => {
    const allowlist = parseAddressAllowlist('127.0.0.1/32, ::1');
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false, allowlist)).toBeNull();
    expect(webhookUrlProblem('http://[::1]:8080/hook', false, allowlist)).toBeNull();
    expect(webhookUrlProblem('http://10.0.0.1/hook', false, allowlist)?.message).toMatch(/non-public/);
  });

  it('refuses credentials, fragments and other schemes', () => {
    expect(webhookUrlProblem('https://u:p@erp.example.com/', false)?.message).toContain('credentials');
    expect(webhookUrlProblem('https://erp.example.com/#x', false)?.message).toContain('fragment');
    expect(webhookUrlProblem('ftp://erp.example.com/', false)).not.toBeNull();
  });
});
