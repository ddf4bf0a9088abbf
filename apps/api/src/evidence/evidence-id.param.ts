import { AppError } from '@lyg/domain';
import { Injectable, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An evidence id that is not a UUID names nothing: 404. */
@Injectable()
export class EvidenceIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new AppError('not_found', { resource: 'evidence' });
    return value.toLowerCase();
  }
}
