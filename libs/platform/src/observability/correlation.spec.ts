import { describe, expect, it } from 'vitest';
import { RequestContext } from '../context/request-context';
import { correlationHeaders } from './correlation';

describe('correlationHeaders', () => {
  it('forwards the current request id as x-request-id', () => {
    expect(RequestContext.run({ requestId: 'req-1' }, () => correlationHeaders())).toEqual({
      'x-request-id': 'req-1',
    });
  });

  it('adds nothing outside a request', () => {
    expect(correlationHeaders()).toEqual({});
    expect(RequestContext.run({}, () => correlationHeaders())).toEqual({});
  });
});
