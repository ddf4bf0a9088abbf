// Domain error codes. Services throw `AppError`; one mapper per transport (the HTTP problem-document filter) turns
// codes into responses, exhaustively, so no service ever throws an HTTP exception.

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'too_many_attempts',
  'forbidden_role',
  'password_change_required',
  'not_found',
  'not_allowed_in_state',
  'version_conflict',
  'precondition_failed',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'payload_too_large',
  'evidence_limit_reached',
  'no_receiving_agency',
  'unsupported_media_type',
  'service_unavailable',
  'rate_limited',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code);
    this.name = 'AppError';
  }

  static validation(fieldErrors: FieldError[]): AppError {
    return new AppError('validation_failed', { count: fieldErrors.length }, fieldErrors);
  }
}
