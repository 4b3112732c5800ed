// How an HTTP request that returns ALPR data gets its AccessContext (invariant 1): the purpose comes
// with the request, either as the id of a purpose the user stated earlier (header X-Purpose-Id, or
// `?purpose=` where a header cannot be set, as for an <img src>), or whole, as `purpose` in a JSON
// body. Either way the gate checks the user and the purpose again for this request.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { originOf } from '../audit/access-log.js';
import { badRequest } from '../platform/errors.js';
import type { AccessContext } from './access-context.js';
import { userOf } from './authorize.js';
import type { PurposeGate } from './purpose-gate.js';
import type { PurposeInput } from './purpose-rules.js';

export const PURPOSE_HEADER = 'x-purpose-id';

/** Spread into a route's querystring schema where the purpose id may come as `?purpose=`. */
export const PurposeQuery = {
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The id of a purpose you stated (POST /api/v1/purposes/state), where the X-Purpose-Id header cannot be sent.' })),
};

const isPurposeInput = (value: unknown): value is PurposeInput =>
  typeof value === 'object' && value !== null && ['caseNumber', 'category', 'reason'].every((key) => typeof (value as Record<string, unknown>)[key] === 'string');

/** The purpose a request carries: a stated purpose's id, or the purpose itself. */
export function purposeOf(request: FastifyRequest): { purposeId: string } | { purpose: PurposeInput } | undefined {
  const header = request.headers[PURPOSE_HEADER];
  if (typeof header === 'string' && header.trim()) return { purposeId: header.trim() };
  const query = (request.query as Record<string, unknown> | undefined)?.purpose;
  if (typeof query === 'string' && query.trim()) return { purposeId: query.trim() };
  const body = (request.body as Record<string, unknown> | undefined)?.purpose;
  if (isPurposeInput(body)) return { purpose: body };
  return undefined;
}

/**
 * Opens the purpose gate for this request, for `action` (e.g. 'search.plate'). Refuses with 400
 * purpose_required when the request carries no purpose, and with the gate's own refusals otherwise.
 */
export async function openGate(gate: PurposeGate, request: FastifyRequest, action: string): Promise<AccessContext> {
  const principal = userOf(request);
  const origin = originOf(request);
  const carried = purposeOf(request);
  if (!carried) {
    throw badRequest(
      'purpose_required',
      'This returns ALPR data, so it needs a stated purpose (R17, R21): state one with POST /api/v1/purposes/state (case number, category, reason) and send its id in the X-Purpose-Id header (or ?purpose=), or send the purpose itself as `purpose` in the JSON body.',
      'purpose',
    );
  }
  const request_ = { clientAddress: origin.clientAddress, device: origin.device, action };
  return 'purposeId' in carried ? gate.openStated(principal, carried.purposeId, request_) : gate.open(principal, carried.purpose, request_);
}
