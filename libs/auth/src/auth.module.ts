import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import { AccountStates } from './account-states';
import { AuthService } from './auth.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject made once: given a string, jsonwebtoken would build one on every sign and verify.
      useFactory: (c: AppConfig) => ({
        secret: createSecretKey(Buffer.from(c.jwtSecret, 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256', expiresIn: c.jwtTtlSeconds },
      }),
    }),
  ],
  providers: [AuthService, AccountStates, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, AccountStates],
})
export class AuthModule {}
