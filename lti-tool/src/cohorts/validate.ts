import type { z } from 'zod';
import { errors } from '../http/errors';

/** A field that failed validation, as the API reports it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A 400 `validation_failed` whose message and details name each field. */
export function validationError(fields: FieldIssue[]) {
  return errors.validation(fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), { fields });
}

/** Parses a body or query with a zod schema; a 400 names every wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a uuid; path ids that are not are answered with 404, never a database error. */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A path parameter as a string (Express types them loosely when middleware runs first). */
export const param = (req: { params: Record<string, unknown> }, name: string): string => {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
};
