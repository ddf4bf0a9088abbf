import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { createS3Client } from '@lyg/evidence';
import { createMailTransport } from '@lyg/notify';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Transporter } from 'nodemailer';

export const S3_CLIENT = Symbol('S3_CLIENT');
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** The I/O clients other than the database, made once from the configuration. */
@Global()
@Module({
  providers: [
    { provide: S3_CLIENT, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createS3Client(c.s3) },
    { provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createMailTransport(c.smtpUrl) },
  ],
  exports: [S3_CLIENT, MAIL_TRANSPORT],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(S3_CLIENT) private readonly s3: S3Client,
    @Inject(MAIL_TRANSPORT) private readonly mail: Transporter,
  ) {}

  onApplicationShutdown(): void {
    this.s3.destroy();
    this.mail.close();
  }
}
