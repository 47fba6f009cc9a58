import type { Response } from 'express';
import type { z } from 'zod';
import { errors } from '../http/errors';
import { moduleError, type Result } from './modules.errors';
import { uuidParam } from './modules.schema';

/** Validates a body or query with a zod schema; a 400 names each wrong field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
  throw errors.validation(fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}

/** A path id: anything but a uuid names nothing, so it is a 404 (not a database error). */
export function idParam(value: string | string[] | undefined, what: 'Module' | 'Step' | 'Response'): string {
  if (typeof value !== 'string' || !uuidParam.safeParse(value).success) throw errors.notFound(what);
  return value;
}

/** Answers a service result: the value as JSON (never cached), or the failure's error. */
export function send<T>(res: Response, result: Result<T>, status = 200): void {
  if (!result.ok) throw moduleError(result.error);
  res.status(status).set('cache-control', 'no-store').json(result.value);
}
