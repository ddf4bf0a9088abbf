import { AppError, FIELD_MESSAGES, type FieldError } from '@lyg/domain';
import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

// class-validator constraint names → our field-error codes (custom decorators already report a code as message).
const CONSTRAINT_CODES: Record<string, string> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  whitelistValidation: 'unknown_field',
  isString: 'type_string',
  isInt: 'type_integer',
  isBoolean: 'type_boolean',
  isArray: 'type_array',
  isObject: 'type_object',
  nestedValidation: 'type_object',
  isIn: 'enum',
  isEnum: 'enum',
  isLength: 'length',
  length: 'length',
  maxLength: 'max_length',
  arrayMinSize: 'array_size',
  arrayMaxSize: 'array_size',
  arrayUnique: 'array_unique',
  min: 'min',
  max: 'max',
  isEmail: 'email',
  isUuid: 'uuid',
};

function paramsOf(code: string, error: ValidationError, constraint: string): Record<string, string | number> | undefined {
  const args = constraintArgs(error, constraint);
  switch (code) {
    case 'enum':
      return { values: Array.isArray(args[0]) ? (args[0] as string[]).join(', ') : String(args[0]) };
    case 'length':
      return { min: Number(args[0]), max: Number(args[1]) };
    case 'max_length':
      return { max: Number(args[0]) };
    case 'array_size': {
      // The array rules come in pairs; report both bounds whichever failed.
      const min = constraintArgs(error, 'arrayMinSize')[0];
      const max = constraintArgs(error, 'arrayMaxSize')[0];
      return { min: Number(min ?? 0), max: Number(max ?? '∞') };
    }
    case 'min':
      return { min: Number(args[0] ?? 0) };
    case 'max':
      // A rule with both bounds ([min, max], as IsAmount) names the upper one.
      return { max: Number(args.length > 1 ? args[1] : args[0]) };
    default:
      return undefined;
  }
}

// The arguments of a failed rule (e.g. the 20 and 5000 of @Length) live in class-validator's metadata, not in the
// error; they are looked up only on this error path.
function constraintArgs(error: ValidationError, constraint: string): unknown[] {
  const target = error.target;
  if (!target) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const meta = metas.find((m) => m.propertyName === error.property && (m.name === constraint || m.type === constraint));
  return meta?.constraints ?? [];
}

/** Flattens class-validator's tree into `[{field: 'ipRights[0].number', code}]`, in document order. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      // One error per field is enough to act on; the first failing rule is the most basic one.
      const [constraint, message] = Object.entries(e.constraints)[0];
      const code = message in FIELD_MESSAGES ? message : (CONSTRAINT_CODES[constraint] ?? 'invalid');
      const params = paramsOf(code, e, constraint);
      out.push(params ? { field: path, code, params } : { field: path, code });
    }
    if (e.children?.length) out.push(...toFieldErrors(e.children, path));
  }
  return out;
}

/** Deeper than any document of the contract (ComplaintInput is 4 levels): refused before anything recurses into it. */
const MAX_DEPTH = 32;
// NUL and unpaired UTF-16 surrogates: not text PostgreSQL can store (text or jsonb); refused, not turned into a 500.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Keys that name the prototype chain: never a field of ours (Nest would drop them silently; we name them).
const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Hostile shapes in any body, query or path parameter (S4, S5): strings that cannot be stored, prototype keys,
 * nesting deeper than MAX_DEPTH (class-transformer and the pipe itself recurse and would overflow the stack).
 * Iterative, and stops at the first dozen findings.
 */
export function hostileInput(value: unknown, root: string): FieldError[] {
  const out: FieldError[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length && out.length < 12) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) out.push({ field: path || 'body', code: 'invalid' });
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) {
        out.push({ field: path || 'body', code: 'invalid' });
        continue;
      }
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      for (const [k, x] of entries.reverse()) {
        const p = Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
        if (!Array.isArray(v) && (PROTO_KEYS.has(k) || UNSTORABLE.test(k))) out.push({ field: UNSTORABLE.test(k) ? path || 'body' : p, code: 'unknown_field' });
        else stack.push({ v: x, path: p, depth: depth + 1 });
      }
    }
  }
  return out;
}

/** The global pipe: hostile shapes first (any parameter, whatever its type), then class-validator. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const bad = hostileInput(value, metadata.data ?? '');
      if (bad.length) throw AppError.validation(bad);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => AppError.validation(toFieldErrors(errors)),
  });
}
