import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const DEFERRED = Symbol('lyg:deferred-continue');
type Deferrable = IncomingMessage & { [DEFERRED]?: boolean };

/** `POST /api/v1/complaints/:id/evidence`: the one route that reads its body as a stream. */
const UPLOAD_ROUTE = /^\/api\/v1\/complaints\/[^/?#]+\/evidence\/?(?:[?#]|$)/;

/**
 * `Expect: 100-continue` for evidence uploads: Node answers `100 Continue` on its own as soon as the headers are in,
 * which invites the client to send a body we may refuse. For the upload route the interim answer is held back
 * until the request has been authorised and its declared size, case and state checked (`deferredContinue`), so a
 * refused upload (401/403/404/409/413/415) costs the client no body at all; the connection is closed after a
 * refusal. Every other request gets its `100 Continue` at once, as before.
 */
export function installExpectContinue(server: Server): void {
  if (server.listenerCount('checkContinue') > 0) return;
  server.on('checkContinue', (req: Deferrable, res: ServerResponse) => {
    if (req.method === 'POST' && UPLOAD_ROUTE.test(req.url ?? '')) {
      req[DEFERRED] = true;
      res.shouldKeepAlive = false;
    } else {
      res.writeContinue();
    }
    server.emit('request', req, res);
  });
}

/** Sends the held-back `100 Continue`, if any: the handler is about to read the body. */
export function deferredContinue(req: IncomingMessage, res: ServerResponse): void {
  const r = req as Deferrable;
  if (r[DEFERRED]) {
    r[DEFERRED] = false;
    res.writeContinue();
  }
}
