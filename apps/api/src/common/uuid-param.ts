import { AppError } from '@lyg/domain';
import { Injectable, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: 404 naming `resource`, like any other id the caller cannot see. */
class UuidParamOf implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new AppError('not_found', { resource: this.resource });
    return value.toLowerCase();
  }
}

/** Case ids (and the ids of what belongs to a case). */
@Injectable()
export class UuidParam extends UuidParamOf {
  constructor() {
    super('case');
  }
}

/** Ids of accounts and organisations: the 404 names what was not found. */
export const AccountIdParam = new UuidParamOf('account');
export const OrganizationIdParam = new UuidParamOf('organisation');
