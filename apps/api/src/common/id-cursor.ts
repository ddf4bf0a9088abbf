import { AppError } from '@lyg/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A list cursor that names the last row of a page by its id; the keyset query reads that row's sort values itself
 * (`(a, b, id) > (SELECT … WHERE id = :after)`), so the cursor cannot smuggle in values of the wrong type.
 */
export const encodeIdCursor = (id: string) => Buffer.from(id, 'latin1').toString('base64url');

export function decodeIdCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('latin1');
  if (UUID.test(id)) return id;
  throw AppError.validation([{ field: 'cursor', code: 'invalid' }]);
}

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
export const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
