export enum ErrorCode {
  BAD_REQUEST = 'BAD_REQUEST',
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  CONFLICT = 'CONFLICT',
  PRECONDITION_FAILED = 'PRECONDITION_FAILED',
  PRECONDITION_REQUIRED = 'PRECONDITION_REQUIRED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG = 'URI_TOO_LONG',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE = 'UNPROCESSABLE',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export const statusOf: Record<ErrorCode, number> = {
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.VALIDATION_ERROR]: 422,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.METHOD_NOT_ALLOWED]: 405,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.PRECONDITION_FAILED]: 412,
  [ErrorCode.PRECONDITION_REQUIRED]: 428,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.URI_TOO_LONG]: 414,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.UNPROCESSABLE]: 422,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_ERROR]: 500,
};

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * The one exception type the HTTP layer understands. Modules subclass it (or call the factories)
 * with a code; the exception filter maps it to the error envelope of SYSTEM.md.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return statusOf[this.code];
  }

  static notFound(what = 'Resource'): AppException {
    return new AppException(ErrorCode.NOT_FOUND, `${what} not found`);
  }
  static forbidden(message = 'You do not have permission to do this'): AppException {
    return new AppException(ErrorCode.FORBIDDEN, message);
  }
  static unauthenticated(message = 'Authentication required'): AppException {
    return new AppException(ErrorCode.UNAUTHENTICATED, message, [], { 'www-authenticate': 'Bearer' });
  }
  static conflict(message: string, details: ErrorDetail[] = []): AppException {
    return new AppException(ErrorCode.CONFLICT, message, details);
  }
  static validation(details: ErrorDetail[], message = 'The request is invalid'): AppException {
    return new AppException(ErrorCode.VALIDATION_ERROR, message, details);
  }
  static unprocessable(message: string, details: ErrorDetail[] = []): AppException {
    return new AppException(ErrorCode.UNPROCESSABLE, message, details);
  }
  static badRequest(message: string, details: ErrorDetail[] = []): AppException {
    return new AppException(ErrorCode.BAD_REQUEST, message, details);
  }
  static rateLimited(
    retryAfterSeconds: number,
    message = 'Too many requests, try again later',
  ): AppException {
    return new AppException(ErrorCode.RATE_LIMITED, message, [], {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
