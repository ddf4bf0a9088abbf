// class-validator decorators over the pure identifier checks of libs/domain (the browser UI runs the same checks).
// A decorator's message is the field-error code of libs/domain/errors/messages.ts; the problem filter localizes it.
import {
  checkNiceClasses,
  checkPatentNumber,
  checkRegionCode,
  checkTrademarkNumber,
  checkUscc,
  AMOUNT_MAX_CNY,
  isIsoCountryCode,
  isPatentType,
  type IpRightType,
  textLength,
} from '@lyg/domain';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

function define(
  name: string,
  validate: (value: unknown, args: ValidationArguments) => string | null,
  options?: ValidationOptions,
  /** The bounds a message names (`max_length` reads its `{max}` from the first). */
  constraints?: unknown[],
) {
  return (object: object, propertyName: string) => {
    // The check runs once per value; its result code is kept for the message so both agree.
    const codes = new WeakMap<object, string>();
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      ...(constraints ? { constraints } : {}),
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const code = validate(value, args);
          if (code) codes.set(args.object, code);
          return code === null;
        },
        defaultMessage(args: ValidationArguments) {
          return codes.get(args.object) ?? 'invalid';
        },
      },
    });
  };
}

/** Format and alphabet of GB 32100-2015; a failing check character is only a warning (early pilot codes). */
export const IsUscc = (o?: ValidationOptions) =>
  define(
    'uscc',
    (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'string') return 'type_string';
      const r = checkUscc(v);
      return r.ok ? null : r.code === 'length' ? 'uscc_length' : 'uscc_character';
    },
    o,
  );

export const IsRegionCode = (o?: ValidationOptions) =>
  define('regionCode', (v) => (v === null || v === undefined || (typeof v === 'string' && checkRegionCode(v)) ? null : 'region_code'), o);

export const IsCountryCode = (o?: ValidationOptions) =>
  define('country', (v) => (typeof v === 'string' && isIsoCountryCode(v) ? null : 'country'), o);

/** `YYYY-MM-DD` that names a real calendar day; `notFuture` compares with today in Asia/Shanghai. */
export const IsCivilDate = (opts: { notFuture?: boolean } = {}, o?: ValidationOptions) =>
  define(
    'civilDate',
    (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'string' || !isCivilDate(v)) return 'date';
      if (opts.notFuture && v > shanghaiToday()) return 'date_in_future';
      return null;
    },
    o,
  );

export function isCivilDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Free-text right numbers (contract.md: ≤ 64). */
const RIGHT_NUMBER_MAX = 64;

/**
 * The right's number, by its type: CNIPA application number for patents, registration number for trademarks,
 * free text ≤ 64 otherwise, optional only for trade secrets and copyright (contract.md).
 */
export const IsRightNumber = (o?: ValidationOptions) =>
  define(
    'rightNumber',
    (v, args) => {
      const type = (args.object as { type?: IpRightType }).type;
      if (v === null || v === undefined || v === '') {
        return type === 'trade_secret' || type === 'copyright' ? null : 'number_required';
      }
      if (typeof v !== 'string') return 'type_string';
      if (type && isPatentType(type)) {
        const r = checkPatentNumber(v, type);
        return r.ok ? null : `patent_${r.code}`;
      }
      if (type === 'trademark') return checkTrademarkNumber(v).ok ? null : 'trademark_format';
      return v.length <= RIGHT_NUMBER_MAX ? null : 'max_length';
    },
    o,
    [RIGHT_NUMBER_MAX],
  );

/** Nice classes are required for trademarks and meaningless otherwise (then null or absent). */
export const IsNiceClassesForType = (o?: ValidationOptions) =>
  define(
    'niceClasses',
    (v, args) => {
      const type = (args.object as { type?: IpRightType }).type;
      if (type !== 'trademark') return v === null || v === undefined || (Array.isArray(v) && v.length === 0) ? null : 'invalid';
      const r = checkNiceClasses(v);
      return r.ok ? null : `nice_${r.code}`;
    },
    o,
  );

/** Required when the complainant is in China and not an individual (contract.md). */
export const IsComplainantUscc = (o?: ValidationOptions) =>
  define(
    'complainantUscc',
    (v, args) => {
      const c = args.object as { country?: string; size?: string };
      if (v === null || v === undefined || v === '') return c.country === 'CN' && c.size !== 'individual' ? 'uscc_required' : null;
      if (typeof v !== 'string') return 'type_string';
      const r = checkUscc(v);
      return r.ok ? null : r.code === 'length' ? 'uscc_length' : 'uscc_character';
    },
    o,
  );

/** Amounts in CNY: whole yuan, 0 to AMOUNT_MAX_CNY, or null when unknown. */
export const IsAmount = (o?: ValidationOptions) =>
  define(
    'amount',
    (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'type_integer';
      // A whole number too large is named as such (it is an integer), with the bound.
      return v < 0 ? 'min' : v > AMOUNT_MAX_CNY ? 'max' : null;
    },
    o,
    [0, AMOUNT_MAX_CNY],
  );

export const IsHttpUrl = (o?: ValidationOptions) =>
  define(
    'httpUrl',
    (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'string' || v.length > 2048) return 'url';
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'url';
      } catch {
        return 'url';
      }
    },
    o,
  );

export const IsPhone = (o?: ValidationOptions) =>
  define('phone', (v) => (v === null || v === undefined || (typeof v === 'string' && /^\+?[0-9][0-9 ()-]{4,30}$/.test(v)) ? null : 'phone'), o);

/**
 * Text a person writes (names, titles, the description): `min`–`max` characters once the whitespace around it is
 * left out (`textLength`), so blank text is `required` rather than a name of spaces; `length` names both bounds.
 */
export const IsText = (min: number, max: number, o?: ValidationOptions) => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'text',
    target: object.constructor,
    propertyName,
    constraints: [min, max],
    options: o,
    validator: {
      validate: (v: unknown) => typeof v === 'string' && textLength(v) >= min && textLength(v) <= max,
      defaultMessage: (args: ValidationArguments) => (typeof args.value === 'string' && textLength(args.value) === 0 ? 'required' : 'length'),
    },
  });
