import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from '@/lib/api-error';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('API errors', () => {
  it('reads the SYSTEM.md error format: code, message, field details and request id', async () => {
    const error = await ApiError.fromResponse(
      json(422, {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'The request is invalid.',
          details: [
            { field: 'title', message: 'title must be shorter than or equal to 200 characters' },
            { message: 'unknown field "colour"' },
          ],
          request_id: 'req-42',
        },
      }),
    );
    expect(error).toMatchObject({ status: 422, code: 'VALIDATION_ERROR', requestId: 'req-42' });
    expect(error.isConflict).toBe(false);
    expect(describeError(error)).toBe(
      'The request is invalid. (title: title must be shorter than or equal to 200 characters; unknown field "colour") — request req-42',
    );
  });

  it('says what happened when the body is not in the error format', async () => {
    const error = await ApiError.fromResponse(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(error).toMatchObject({ status: 502, code: 'HTTP_ERROR' });
    expect(describeError(error)).toBe('The server answered 502.');
  });

  it('treats 409 and 412 as conflicts and a network failure as status 0', async () => {
    const conflict = await ApiError.fromResponse(
      json(412, { error: { code: 'PRECONDITION_FAILED', message: 'Version mismatch', details: [] } }),
    );
    expect(conflict.isConflict).toBe(true);
    expect(describeError(conflict)).toBe('Version mismatch');
    const network = ApiError.network(new TypeError('Failed to fetch'));
    expect(network.isNetwork).toBe(true);
    expect(describeError(network)).toBe('The server cannot be reached. Check your connection.');
  });

  it('does not consume the response body, so callers can still read it', async () => {
    const response = json(404, { error: { code: 'NOT_FOUND', message: 'Task not found' } });
    await ApiError.fromResponse(response);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Task not found' } });
  });

  it('reads a body openapi-fetch has already parsed, as unwrap receives it', () => {
    const error = ApiError.fromBody(422, {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid query',
        details: [{ field: 'limit', message: 'at most 100' }],
      },
    });
    expect(describeError(error)).toBe('Invalid query (limit: at most 100)');
    expect(ApiError.fromBody(500, undefined).message).toBe('The server answered 500.');
  });

  it('describes other errors by their message, and unknown values generically', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('nope')).toBe('Something went wrong.');
  });
});
