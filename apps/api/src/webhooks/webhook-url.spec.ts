import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-url';

describe('webhookUrlProblem', () => {
  it('allows http outside production and requires https in production', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://erp.example.com/hook', true)).toEqual({
      field: 'url',
      message: 'must use https',
    });
    expect(webhookUrlProblem('https://erp.example.com/hook', true)).toBeNull();
  });

  it('refuses private and loopback targets in production, credentials and fragments everywhere', () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '10.1.2.3',
      '192.168.0.1',
      '172.20.0.1',
      '169.254.169.254',
      '[::1]',
    ])
      expect(webhookUrlProblem(`https://${host}/x`, true)?.message).toContain('private');
    expect(webhookUrlProblem('https://u:p@erp.example.com/', false)?.message).toContain('credentials');
    expect(webhookUrlProblem('https://erp.example.com/#x', false)?.message).toContain('fragment');
    expect(webhookUrlProblem('ftp://erp.example.com/', false)).not.toBeNull();
  });
});
