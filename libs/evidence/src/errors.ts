// Errors of the evidence store. They carry no HTTP meaning; the API maps them (413, 415, 422, 503, …).

/** More bytes than allowed arrived; the upload was stopped at that point. */
export class EvidenceTooLargeError extends Error {
  override readonly name = 'EvidenceTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`evidence larger than ${limitBytes} bytes`);
  }
}

/** The bytes are not of an allowed type (decided from the content, not the name). */
export class UnsupportedContentError extends Error {
  override readonly name = 'UnsupportedContentError';
  constructor(readonly detected: string) {
    super(`unsupported content: ${detected}`);
  }
}

/** Zero bytes: there is nothing to keep. */
export class EmptyContentError extends Error {
  override readonly name = 'EmptyContentError';
  constructor() {
    super('empty file');
  }
}

/** The object store could not be reached or refused the request; nothing was stored. */
export class ObjectStoreUnavailableError extends Error {
  override readonly name = 'ObjectStoreUnavailableError';
  constructor(override readonly cause: unknown) {
    super(`object store unavailable: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
  }
}

/** The object (or the recorded version of it) is not in the store. */
export class ObjectMissingError extends Error {
  override readonly name = 'ObjectMissingError';
  constructor(
    readonly key: string,
    readonly versionId: string | null,
  ) {
    super(`object ${key}${versionId ? ` (version ${versionId})` : ''} is missing`);
  }
}

/** The stored bytes no longer match the hash (or size) recorded when they were uploaded. */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  constructor(
    readonly key: string,
    readonly expected: { sha256: string; sizeBytes: number },
    readonly actual: { sha256: string | null; sizeBytes: number },
  ) {
    super(
      `integrity failure for ${key}: expected ${expected.sizeBytes} bytes sha256 ${expected.sha256}, ` +
        `got ${actual.sizeBytes} bytes${actual.sha256 ? ` sha256 ${actual.sha256}` : ''}`,
    );
  }
}

/** The source stream failed (e.g. the client went away mid-upload). */
export class SourceStreamError extends Error {
  override readonly name = 'SourceStreamError';
  constructor(override readonly cause: unknown) {
    super(`source stream failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
