// "Is this read held?" as SQL (R31): a read is held while an unreleased hold that has not lapsed lists it.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Tables } from '../storage/tables.js';

/** EXISTS (an active hold on reads.id) — for queries over `reads`. */
export function heldRead(eb: ExpressionBuilder<Tables, 'reads'>, now: number) {
  return eb.exists(
    eb
      .selectFrom('legalHoldReads as hr')
      .innerJoin('legalHolds as h', 'h.id', 'hr.holdId')
      .select(sql.lit(1).as('one'))
      .whereRef('hr.readId', '=', 'reads.id')
      .where('h.releasedAt', 'is', null)
      .where((w) => w.or([w('h.until', 'is', null), w('h.until', '>', now)])),
  );
}

/** Reads of fixed cameras (anything not registered as mobile) or of mobile units. */
export function ofKind(eb: ExpressionBuilder<Tables, 'reads'>, kind: 'fixed' | 'mobile') {
  const mobile = eb.selectFrom('cameras').select('cameras.id').where('cameras.kind', '=', 'mobile');
  return kind === 'mobile' ? eb('reads.cameraId', 'in', mobile) : eb('reads.cameraId', 'not in', mobile);
}
