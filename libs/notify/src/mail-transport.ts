import { createTransport, type Transporter } from 'nodemailer';

export interface MailTransportOptions {
  /** Keep connections open and reuse them: the worker sends batches, the API only checks the server. */
  pool?: boolean;
}

// Bounded waits, so that an SMTP server that accepts connections but never answers fails an attempt (and the
// message is retried later) instead of holding the worker past its lease.
const TIMEOUTS = { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 15000 };

export function createMailTransport(smtpUrl: string, options: MailTransportOptions = {}): Transporter {
  return createTransport({ url: smtpUrl, ...TIMEOUTS, ...(options.pool ? { pool: true, maxConnections: 2 } : {}) });
}
