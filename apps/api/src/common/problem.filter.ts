import { redactPersonalData } from '@lyg/database';
import { AppError, ERROR_MESSAGES, FIELD_MESSAGES, formatMessage, localizeParams, type ErrorCode, type Language } from '@lyg/domain';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { languageOf } from './language';

const TYPE_BASE = 'https://ipcenter.lyg.example/problems/';

// HTTP errors raised by the framework itself (unknown route, body too large, bad JSON) map to our codes.
const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden_role',
  404: 'not_found',
  409: 'version_conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

// PostgreSQL unreachable or restarting: the request is refused as a whole (503), never half-applied.
const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

// TypeORM gives up a transaction's connection when the server ends it (a restart, `terminating connection due to
// administrator command`): the request's next statement then finds its query runner released.
const CONNECTION_LOST = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string; name?: string } | null;
  if (!e) return false;
  const code = e.driverError?.code ?? e.code;
  if (code && DB_DOWN.has(code)) return true;
  if (e.name && CONNECTION_LOST.has(e.name)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message ?? '');
}

/** deadlock_detected, serialization_failure, lock_not_available (`NOWAIT`). */
const CONTENTION = new Set(['40P01', '40001', '55P03']);

export function isContention(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code !== undefined && CONTENTION.has(code);
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: { field: string; code: string; message: string }[];
}

export function problemOf(error: AppError, lang: Language): ProblemDocument {
  const m = ERROR_MESSAGES[error.code];
  const l = lang === 'en' ? 'en' : 'zh';
  const doc: ProblemDocument = {
    type: TYPE_BASE + error.code,
    title: m.title[l],
    status: m.status,
    detail: formatMessage(m.detail[l], localizeParams(error.params, lang)),
    code: error.code,
  };
  if (error.fieldErrors.length) {
    doc.errors = error.fieldErrors.map((f) => ({
      field: f.field,
      code: f.code,
      message: formatMessage((FIELD_MESSAGES[f.code] ?? FIELD_MESSAGES.invalid)[l], f.params && localizeParams(f.params, lang)),
    }));
  }
  return doc;
}

/** Every error leaves as an RFC 9457 problem document in the caller's language. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const error = this.toAppError(exception, req);
    const doc = problemOf(error, languageOf(req.headers['accept-language']));
    doc.instance = req.originalUrl?.split('?')[0];
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error.code === 'too_many_attempts' && error.params.retryAfter) res.setHeader('Retry-After', String(error.params.retryAfter));
    res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
  }

  private toAppError(exception: unknown, req: Request): AppError {
    if (exception instanceof AppError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_STATUS_CODES[status];
      if (code === 'not_found') return new AppError('not_found', { resource: `route ${req.method} ${req.path ?? ''}` });
      if (code === 'payload_too_large') return new AppError('payload_too_large', { limit: '1 MiB' });
      if (code === 'service_unavailable') return new AppError('service_unavailable', { service: 'API' });
      if (code) return new AppError(code, { role: '-', action: '-', state: '-', expected: '-', actual: '-' });
      if (status === 400) return AppError.validation([{ field: 'body', code: 'invalid' }]);
    }
    if (isDatabaseDown(exception)) return new AppError('service_unavailable', { service: 'database' });
    // Two commands that met on the same rows in opposite orders (one was chosen to give way), or a row another
    // change holds and this one would not wait for: nothing was written, and a retry on the fresh case succeeds.
    if (isContention(exception)) return new AppError('version_conflict');
    const body = (exception as { type?: string; status?: number }) ?? {};
    if (body.type === 'entity.too.large') return new AppError('payload_too_large', { limit: '1 MiB' });
    if (body.type === 'entity.parse.failed') return AppError.validation([{ field: 'body', code: 'invalid' }]);
    const requestId = String(req.headers['x-request-id'] ?? '-');
    // An error's text may quote request data (PostgreSQL repeats refused values): redacted before it is logged (S7).
    this.logger.error(redactPersonalData(`${requestId} ${exception instanceof Error ? exception.stack : String(exception)}`));
    return new AppError('internal_error', { requestId });
  }
}
