import { AppError, errors } from '../http/errors';
import type { ErasureFailure } from './erasure.service';

const exhaustive = (x: never): never => {
  throw new Error(`unhandled privacy failure ${JSON.stringify(x)}`);
};

/** Maps an erasure failure to its HTTP error. */
export function erasureError(e: ErasureFailure): AppError {
  switch (e.kind) {
    case 'person_not_found':
      return errors.notFound('That person');
    case 'confirmation_mismatch':
      return errors.unprocessable('confirmation_mismatch', 'To erase this person, send { "confirm": "<their user id>" } with exactly their user id.');
    default:
      return exhaustive(e);
  }
}
