// The public transparency data (transparency.routes.ts): no session needed.
import type { Static } from 'typebox';
import type { TransparencyAnswer } from '../../../src/transparency/transparency.schemas.js';
import { call } from '../api/http.js';

export type Transparency = Static<typeof TransparencyAnswer>;

export const transparencyApi = {
  report: () => call<Transparency>('GET', '/transparency', undefined, { expect401: true }),
};

export const POLICY_DOCUMENT_URL = '/api/v1/transparency/policy';
