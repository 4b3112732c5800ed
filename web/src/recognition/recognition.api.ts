// Built-in recognition's calls (recognition.routes.ts), typed from the server's schemas (type-only imports).
import type { Static } from 'typebox';
import type * as Recognition from '../../../src/recognition/recognition.schemas.js';
import { ApiError } from '../api/client.js';

export type RecognizeResult = Static<typeof Recognition.RecognizeResponse>;
export type RecognizedPlate = Static<typeof Recognition.RecognizedPlateView>;

/** Sends the image file as the body (the typed JSON helpers cannot), with the API's error answers as ApiError. */
export async function recognizeImage(file: Blob): Promise<RecognizeResult> {
  let response: Response;
  try {
    response = await fetch('/api/v1/recognize', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': file.type || 'image/jpeg', accept: 'application/json' }, body: file });
  } catch {
    throw new ApiError(0, 'network_error', 'The server did not answer. Check the connection and try again.');
  }
  const data = (await response.json().catch(() => undefined)) as { error?: { id: string; message: string; field?: string } } | RecognizeResult | undefined;
  if (response.ok) return data as RecognizeResult;
  const error = (data as { error?: { id: string; message: string; field?: string } } | undefined)?.error;
  throw new ApiError(response.status, error?.id ?? 'unexpected_answer', error?.message ?? `The server answered ${response.status}; try again.`, error?.field);
}
