import { Roles } from '@lyg/auth';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { AppError } from '@lyg/domain';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { type AddressObject, simpleParser } from 'mailparser';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A message file of the sink: `<ISO time with - for : and .>-<uuid>.eml`, nothing else (no path, no `..`). */
const MESSAGE_FILE = /^[0-9TZ-]+-[0-9a-f-]{36}\.eml$/;

export class MailSinkQueryDto {
  @ApiPropertyOptional({ description: 'part of the recipient address' })
  @IsOptional() @IsString() @Matches(/^[^\s]{1,320}$/)
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'the last `id` of the previous page' })
  @IsOptional() @Matches(MESSAGE_FILE)
  cursor?: string;
}

export interface SinkMessageSummary {
  id: string;
  receivedAt: string;
  to: string[];
  subject: string;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? '').filter(Boolean));

/**
 * The mail the embedded SMTP sink received (`npm start` without SMTP_URL sends nothing out): administrators read it
 * here, newest first, e.g. to follow a respondent's answer link in the demo. With a real SMTP server there is no sink:
 * `available: false`.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/mail-sink')
export class MailSinkController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  async list(@Query() q: MailSinkQueryDto): Promise<{ available: boolean; items: SinkMessageSummary[]; nextCursor: string | null }> {
    const dir = this.config.mailSinkDir;
    if (!dir) return { available: false, items: [], nextCursor: null };
    const limit = q.limit ?? 20;
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => MESSAGE_FILE.test(f)).sort().reverse();
    const from = q.cursor ? files.findIndex((f) => f < q.cursor!) : 0;
    const items: SinkMessageSummary[] = [];
    let next: string | null = null;
    for (let i = from < 0 ? files.length : from; i < files.length; i++) {
      const m = await this.read(dir, files[i]);
      if (q.to && !m.to.some((a) => a.toLowerCase().includes(q.to!.toLowerCase()))) continue;
      if (items.length === limit) {
        next = items[items.length - 1].id;
        break;
      }
      items.push({ id: m.id, receivedAt: m.receivedAt, to: m.to, subject: m.subject });
    }
    return { available: true, items, nextCursor: next };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<SinkMessageSummary & { from: string[]; text: string }> {
    const dir = this.config.mailSinkDir;
    if (!dir || !MESSAGE_FILE.test(id)) throw new AppError('not_found', { resource: 'mail' });
    return this.read(dir, id).catch(() => {
      throw new AppError('not_found', { resource: 'mail' });
    });
  }

  private async read(dir: string, file: string): Promise<SinkMessageSummary & { from: string[]; text: string }> {
    const raw = await readFile(path.join(dir, file));
    const m = await simpleParser(raw);
    const stamp = file.slice(0, 24); // 2026-12-07T13-05-00-123Z
    const receivedAt = `${stamp.slice(0, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`;
    return { id: file, receivedAt, to: addresses(m.to), from: addresses(m.from), subject: m.subject ?? '', text: m.text ?? '' };
  }
}
