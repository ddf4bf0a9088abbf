import { createTransport, type Transporter } from 'nodemailer';

export function createMailTransport(smtpUrl: string): Transporter {
  return createTransport(smtpUrl, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 15000 } as object);
}

/** Whether the SMTP server answers (connect, greeting, EHLO), for `/health`. */
export async function mailStatus(t: Transporter): Promise<{ ok: boolean; error?: string }> {
  try {
    await t.verify();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message.slice(0, 200) };
  }
}
