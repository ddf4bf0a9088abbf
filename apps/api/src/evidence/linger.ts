import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

const LINGERING = Symbol('lyg:lingering-close');

/**
 * Lingering close (as nginx does) for a request refused before its body was read. Node closes such a connection
 * right after the answer; with unread request bytes in the kernel's buffer that close becomes a TCP reset, and a
 * client still sending its body may lose our 413/415/503 answer before reading it. Instead, the write side is shut
 * (the client sees the complete answer and the end of the connection) and incoming bytes are discarded — not parsed,
 * not stored — for at most `ms` or `maxBytes`, then the socket is closed.
 */
export function lingerBeforeClose(req: IncomingMessage, opts: { ms?: number; maxBytes?: number } = {}): void {
  const socket = req.socket as (Socket & { [LINGERING]?: boolean }) | null;
  if (!socket || socket[LINGERING]) return;
  socket[LINGERING] = true;
  const ms = opts.ms ?? 2000;
  const maxBytes = opts.maxBytes ?? 16 * 1024 * 1024;
  socket.destroySoon = function lingeringDestroySoon(this: Socket) {
    if (this.writable) this.end();
    let discarded = 0;
    const stop = () => {
      clearTimeout(timer);
      this.destroy();
    };
    const timer = setTimeout(stop, ms);
    timer.unref();
    this.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > maxBytes) stop();
    });
    this.once('end', stop);
    this.once('close', () => clearTimeout(timer));
    this.resume();
  };
}
