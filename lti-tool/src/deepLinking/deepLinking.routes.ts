import { Router } from 'express';
import type { z } from 'zod';
import { AppError, errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { presentPickerOptions } from './deepLinking.presenter';
import { deepLinkingResponseBody } from './deepLinking.schema';
import type { DeepLinkingFailure, DeepLinkingService } from './deepLinking.service';

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw errors.validation(fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), { fields });
}

const exhaustive = (x: never): never => {
  throw new Error(`unhandled deep-linking failure ${JSON.stringify(x)}`);
};

/** Maps each expected failure to its answer; a new failure kind fails to compile until it is mapped. */
export function deepLinkingError(e: DeepLinkingFailure): AppError {
  switch (e.kind) {
    case 'session_not_found':
      return errors.sessionExpired();
    case 'not_deep_linking':
      return errors.conflict('not_deep_linking_launch', 'Staffroom was opened as a course link, not to add content. Use the LMS’s “add content” or “external tool” menu to place Staffroom items.');
    case 'settings_unusable':
      return errors.unprocessable('deep_linking_settings_invalid', 'The LMS sent a content selection request without a usable return address, so Staffroom cannot answer it. Ask your LMS administrator to check the tool’s settings.');
    case 'links_not_accepted':
      return errors.unprocessable('deep_linking_type_not_accepted', 'This place in the LMS does not accept tool links, so Staffroom items cannot be added here.');
    case 'multiple_not_accepted':
      return errors.unprocessable('deep_linking_multiple_not_accepted', 'The LMS accepts only one item here. Choose one item.', { count: e.count });
    case 'unknown_item':
      return errors.unprocessable('deep_linking_unknown_item', 'That item is not available to add in this course.', { itemId: e.itemId });
    default:
      return exhaustive(e);
  }
}

/** Deep Linking 2.0 API for the picker: admins and lead teachers only. */
export function deepLinkingRoutes(deps: { tokens: SessionTokens; service: DeepLinkingService }): Router {
  const router = Router();
  const staff = requireLaunch(deps.tokens, 'admin', 'lead');

  router.get('/api/deep-linking/items', staff, async (req, res) => {
    const result = await deps.service.options(sessionOf(req));
    if (!result.ok) throw deepLinkingError(result.error);
    res.set('cache-control', 'no-store').json(presentPickerOptions(result.value));
  });

  router.post('/api/deep-linking/response', staff, async (req, res) => {
    const body = parseBody(deepLinkingResponseBody, req.body);
    const result = await deps.service.respond(sessionOf(req), body);
    if (!result.ok) throw deepLinkingError(result.error);
    res.set('cache-control', 'no-store').json(result.value);
  });
  return router;
}
