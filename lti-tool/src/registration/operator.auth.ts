import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../http/errors';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Lets a request through only with `Authorization: Bearer <OPERATOR_TOKEN>`. Both sides are hashed
 * first, so the comparison takes the same time whatever the length or content of the guess.
 */
export function requireOperator(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('authorization') ?? '');
    const given = digest(match?.[1] ?? '');
    if (!match || !timingSafeEqual(given, expected)) {
      res.set('www-authenticate', 'Bearer realm="staffroom-operator"');
      return next(new AppError(401, 'operator_unauthenticated', 'This API needs the Staffroom operator token: send Authorization: Bearer followed by OPERATOR_TOKEN.'));
    }
    next();
  };
}
