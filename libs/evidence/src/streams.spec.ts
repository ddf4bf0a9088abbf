import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EvidenceTooLargeError, IntegrityError, UnsupportedContentError } from './errors';
import { createContentInspector } from './file-type';
import { IntakeStream, VerifyingStream } from './streams';
import { exe, pdf } from './testing/samples';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function collect(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('IntakeStream', () => {
  it('passes the bytes through and gives their SHA-256, size and type', async () => {
    const bytes = Buffer.concat([pdf(), Buffer.alloc(100_000, 7)]);
    const intake = new IntakeStream(1_000_000, createContentInspector());
    const out = await collect(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]).pipe(intake));
    expect(out.equals(bytes)).toBe(true);
    expect(intake.digest).toEqual({ sha256: sha(bytes), sizeBytes: bytes.length, contentType: 'application/pdf' });
  });

  it('fails as soon as the limit is passed', async () => {
    const intake = new IntakeStream(1000);
    await expect(pipeline(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), intake, async function* (s) {
      for await (const _ of s) yield;
    })).rejects.toBeInstanceOf(EvidenceTooLargeError);
  });

  it('fails on a refused type before the end', async () => {
    const intake = new IntakeStream(1_000_000, createContentInspector());
    await expect(collect(Readable.from([exe(), Buffer.alloc(10_000)]).pipe(intake))).rejects.toBeInstanceOf(UnsupportedContentError);
  });
});

describe('VerifyingStream', () => {
  const bytes = Buffer.from('x'.repeat(100_000));
  const chunks = () => Readable.from([bytes.subarray(0, 40_000), bytes.subarray(40_000, 80_000), bytes.subarray(80_000)]);

  it('passes matching bytes through', async () => {
    const out = await collect(chunks().pipe(new VerifyingStream('k', { sha256: sha(bytes), sizeBytes: bytes.length })));
    expect(out.equals(bytes)).toBe(true);
  });

  it('holds back the last chunk and fails when the hash differs', async () => {
    const verify = new VerifyingStream('k', { sha256: sha(Buffer.from('other')), sizeBytes: bytes.length });
    const received: Buffer[] = [];
    verify.on('data', (c: Buffer) => received.push(c));
    await expect(new Promise((resolve, reject) => {
      verify.on('end', resolve);
      verify.on('error', reject);
      chunks().pipe(verify);
    })).rejects.toBeInstanceOf(IntegrityError);
    expect(Buffer.concat(received).length).toBeLessThan(bytes.length);
  });

  it('fails as soon as there are more bytes than recorded', async () => {
    const verify = new VerifyingStream('k', { sha256: sha(bytes), sizeBytes: 50_000 });
    await expect(collect(chunks().pipe(verify))).rejects.toThrow(/integrity failure/);
  });
});
