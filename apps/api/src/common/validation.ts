import { AppError, FIELD_MESSAGES, type FieldError } from '@lyg/domain';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
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
      return { max: Number(args[0]) };
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => AppError.validation(toFieldErrors(errors)),
  });
}
