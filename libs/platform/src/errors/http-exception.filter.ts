import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, ErrorCode, ErrorDetail, statusOf } from './app-exception';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[]; request_id?: string };
}

const httpStatusToCode: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  412: ErrorCode.PRECONDITION_FAILED,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  414: ErrorCode.URI_TOO_LONG,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: ErrorCode.VALIDATION_ERROR,
  428: ErrorCode.PRECONDITION_REQUIRED,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** PostgreSQL errors that are the client's fault, mapped to 4xx instead of a 500. */
function fromDatabaseError(error: { code?: string; detail?: string }): AppException | undefined {
  switch (error.code) {
    case '22P02': // invalid_text_representation (e.g. a malformed uuid)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22003': // numeric_value_out_of_range
    case '22001': // string_data_right_truncation
      return AppException.badRequest('A value in the request has an invalid format or is out of range');
    case '23505':
      return AppException.conflict('A record with the same unique value already exists');
    case '23503':
      return AppException.unprocessable('A referenced record does not exist or is still referenced');
    case '40001':
    case '40P01':
      return AppException.conflict('The record was changed concurrently, retry the request');
    default:
      return undefined;
  }
}

const fastifyMessages: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid (malformed percent-encoding)',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter of the URL is too long',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is not valid JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type',
};

/** Fastify's own errors (body parsing, content type, size) carry a statusCode and an FST_ code. */
function fromFastifyError(error: {
  statusCode?: number;
  code?: string;
  message?: string;
}): AppException | undefined {
  if (typeof error.code !== 'string' || !error.code.startsWith('FST_')) return undefined;
  const status = error.statusCode ?? 400;
  if (status >= 500) return undefined;
  const code = httpStatusToCode[status] ?? ErrorCode.BAD_REQUEST;
  const message = fastifyMessages[error.code] ?? error.message ?? 'Bad request';
  return new AppException(code, message);
}

export function toAppException(exception: unknown): AppException | undefined {
  if (exception instanceof AppException) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? String((response as { message: string }).message)
          : exception.message;
    const code =
      httpStatusToCode[status] ?? (status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR);
    if (status >= 500) return undefined;
    return new AppException(
      code,
      status === 404 && message.startsWith('Cannot ') ? 'Route not found' : message,
    );
  }
  if (exception && typeof exception === 'object') {
    const err = exception as { code?: string; statusCode?: number; driverError?: { code?: string } };
    const db = fromDatabaseError(err.driverError ?? err);
    if (db) return db;
    return fromFastifyError(err);
  }
  return undefined;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * The SYSTEM.md error envelope for any thrown value: known errors keep their status and details, anything
 * else is a 500 that says nothing about the internals (the caller logs it).
 */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse & { known: boolean } {
  const known = toAppException(exception);
  if (known) {
    return {
      known: true,
      status: known.status,
      body: {
        error: { code: known.code, message: known.message, details: known.details, request_id: requestId },
      },
      headers: known.headers,
    };
  }
  return {
    known: false,
    status: statusOf[ErrorCode.INTERNAL_ERROR],
    body: {
      error: {
        code: ErrorCode.INTERNAL_ERROR,
        message: `An unexpected error occurred. Quote request id ${requestId} when reporting it.`,
        details: [],
        request_id: requestId,
      },
    },
    headers: {},
  };
}

/** Sends the envelope on a Fastify reply (also used for Fastify's router errors, outside Nest). */
export function sendError(reply: FastifyReply, response: ErrorResponse, requestId: string): void {
  for (const [name, value] of Object.entries(response.headers)) void reply.header(name, value);
  void reply
    .status(response.status)
    .header('x-request-id', requestId)
    .header('content-type', 'application/json; charset=utf-8')
    .send(response.body);
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const requestId = String(request.id ?? '');
    const response = toErrorResponse(exception, requestId);
    if (!response.known) this.logger.error({ err: exception, requestId }, 'Unhandled error');
    sendError(reply, response, requestId);
  }
}
