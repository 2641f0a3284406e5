/** An API error in the SYSTEM.md format, or a network failure (status 0). */
export interface ApiErrorDetail {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  get isConflict(): boolean {
    return this.status === 409 || this.status === 412;
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await response.clone().json();
    } catch {
      body = undefined;
    }
    return ApiError.fromBody(response.status, body);
  }

  /** From a response body already parsed (openapi-fetch reads the body before the caller sees it). */
  static fromBody(status: number, body: unknown): ApiError {
    const response = { status };
    const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
    if (error && typeof error.message === 'string') {
      return new ApiError(
        response.status,
        typeof error.code === 'string' ? error.code : 'ERROR',
        error.message,
        Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [],
        typeof error.request_id === 'string' ? error.request_id : undefined,
      );
    }
    return new ApiError(response.status, 'HTTP_ERROR', `The server answered ${response.status}.`);
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached. Check your connection.');
    error.cause = cause;
    return error;
  }
}

/** A message for people: what went wrong, in one sentence, with the request id when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const detail = error.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; ');
    const base = detail ? `${error.message} (${detail})` : error.message;
    return error.requestId ? `${base} — request ${error.requestId}` : base;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
