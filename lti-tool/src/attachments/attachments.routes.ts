import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { errors } from '../http/errors';
import { parseInput } from '../cohorts/validate';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { attachmentError, type AttachmentResult } from './attachments.errors';
import { contentHeaders, presentAttachment } from './attachments.presenter';
import { attachmentId, uploadQuery } from './attachments.schema';
import type { AttachmentsService } from './attachments.service';
import { closeIfUnread, receiveUpload } from './attachments.upload';

const unwrap = <T>(r: AttachmentResult<T>): T => {
  if (!r.ok) throw attachmentError(r.error);
  return r.value;
};
const idOf = (req: Request) => {
  if (!attachmentId.safeParse(req.params.id).success) throw errors.notFound('The attachment');
  return String(req.params.id);
};
const noStore = (res: Response) => res.set('cache-control', 'private, no-store');

/** /api/attachments: upload (multipart, streamed), metadata, content and deletion. Mount before express.json. */
export function attachmentsRoutes(deps: { tokens: SessionTokens; service: AttachmentsService; tmpDir: () => Promise<string> }): Router {
  const router = Router();
  const auth = requireLaunch(deps.tokens);
  const { service } = deps;

  router.post('/api/attachments', closeIfUnread(), auth, async (req, res) => {
    const session = sessionOf(req);
    const purpose = unwrap(await service.purposeFor(session, parseInput(uploadQuery, req.query).purpose));
    const received = await receiveUpload(req, { maxBytes: purpose.maxBytes, tmpDir: await deps.tmpDir() });
    if (!received.ok) res.set('connection', 'close'); // the rest of the body is not read
    const attachment = unwrap(await service.accept(session, purpose, unwrap(received)));
    noStore(res).status(201).location(`/api/attachments/${attachment.id}`).json({ attachment: presentAttachment(attachment, session) });
  });

  // What a purpose takes, so an upload screen can state the rules before a byte is sent (limit after ATTACHMENTS_MAX_BYTES).
  router.get('/api/attachments/purposes/:name', auth, async (req, res) => {
    const purpose = unwrap(await service.purposeFor(sessionOf(req), String(req.params.name)));
    noStore(res).json({ purpose: { name: purpose.name, accept: purpose.accept, maxBytes: purpose.maxBytes } });
  });

  router.get('/api/attachments/:id', auth, async (req, res) => {
    const session = sessionOf(req);
    noStore(res).json({ attachment: presentAttachment(unwrap(await service.readable(session, idOf(req))), session) });
  });

  router.get('/api/attachments/:id/content', auth, async (req, res) => {
    const { attachment, content } = unwrap(await service.open(sessionOf(req), idOf(req)));
    res.set(contentHeaders(attachment));
    // A client that goes away mid-download ends the pipeline; the storage stream is closed with it.
    await pipeline(content, res).catch(() => res.destroy());
  });

  router.delete('/api/attachments/:id', auth, async (req, res) => {
    unwrap(await service.remove(sessionOf(req), idOf(req)));
    res.status(204).end();
  });
  return router;
}
