import type { Request, Response } from 'express';
import type { z } from 'zod';
import { abort } from './auditions.errors';

/** Validates a body with a zod schema; a 400 names each wrong field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  return abort({ kind: 'invalid_input', issues: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })) });
}

/** Answers JSON that is never cached. */
export function send(res: Response, value: unknown, status = 200): void {
  res.status(status).set('cache-control', 'no-store').json(value);
}

/** A path parameter as a string. */
export const p = (req: Request, name: string): string => {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
};
