// Plate Recognizer's "webhook with image" (issue 10): multipart/form-data with `json` (the webhook
// payload) and `upload` (the frame, JPEG or PNG). Read in the route's content-type parser with the
// platform's own FormData parser: @fastify/multipart, used before, adds three async hooks to every
// route of its scope, which every JSON payload of the route paid for too.
import { AppError, badRequest } from '../../platform/errors.js';
import type { VehicleImage } from '../adapter.service.js';

/** A parsed form, as the request body: the route tells it from a JSON body by its class. */
export class WebhookForm {
  constructor(
    readonly payload: unknown,
    readonly bytes: number,
    readonly image: VehicleImage | undefined,
  ) {}
}

export async function readWebhookForm(body: Buffer, contentType: string, maxImageBytes: number): Promise<WebhookForm> {
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw badRequest('invalid_multipart', `The multipart body could not be read (${(error as Error).message}); send the webhook's json and upload fields.`);
  }
  const upload = form.get('upload');
  let image: VehicleImage | undefined;
  if (upload instanceof Blob) {
    if (upload.size > maxImageBytes) throw new AppError('image_too_large', 413, 'The uploaded image is larger than ingest.maxImageBytes allows; send a smaller JPEG.', 'upload');
    if (upload.type !== 'image/jpeg' && upload.type !== 'image/png') throw badRequest('invalid_image', `The upload is ${upload.type || 'untyped'}; send a JPEG or PNG.`, 'upload');
    image = { base64: Buffer.from(await upload.arrayBuffer()).toString('base64'), contentType: upload.type };
  }
  const json = form.get('json');
  if (typeof json !== 'string') throw badRequest('invalid_request', 'The form needs a "json" field holding the webhook payload.', 'json');
  try {
    return new WebhookForm(JSON.parse(json), body.length, image);
  } catch {
    throw badRequest('invalid_request', 'The form field "json" is not JSON.', 'json');
  }
}
