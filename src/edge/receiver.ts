// The edge unit's local HTTP receiver (issue 10): takes reads from the recognizer in the car the
// way the server would (the native batch, and the vendor webhooks through the server's own
// adapters), journals them (fsynced) before answering, and reports the backlog on GET /status.
// It listens on 127.0.0.1 by default and asks for no key: it is reachable only inside the car.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Compile } from 'typebox/compile';
import { AppError } from '../platform/errors.js';
import type { AdapterContext, AdapterResult } from '../ingest/adapters/adapter.kit.js';
import { fromBlueIris } from '../ingest/adapters/blueiris.adapter.js';
import { fromOpenAlpr } from '../ingest/adapters/openalpr.adapter.js';
import { fromPlateRecognizer } from '../ingest/adapters/platerecognizer.adapter.js';
import { IncomingRead, type ReadResult } from '../ingest/ingest.schemas.js';
import type { Journal } from './journal.js';
import type { LocalHotLists } from './local-hotlists.js';

const checkRead = Compile(IncomingRead);

const ADAPTERS: Record<string, (payload: unknown, context: AdapterContext) => AdapterResult> = {
  '/api/v1/ingest/openalpr': fromOpenAlpr,
  '/api/v1/ingest/platerecognizer': fromPlateRecognizer,
  '/api/v1/ingest/blueiris': fromBlueIris,
};

export interface ReceiverOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Part of the read ids the vendor adapters make (stable for this unit). */
  adapterContext: AdapterContext;
  status: () => object;
  /** Local hot-list matching (issue 10): reads are matched as they are journaled; GET /alerts lists the hits. */
  hotlists?: LocalHotLists;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, 'payload_too_large', `The body is over ${limit} bytes.`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'invalid_json', 'The body is not JSON.'));
      }
    });
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export class Receiver {
  private readonly server: Server;

  constructor(
    private readonly journal: Journal,
    private readonly options: ReceiverOptions,
  ) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (error instanceof HttpError) send(response, error.status, { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
        else if (error instanceof AppError && error.status < 500) send(response, error.status, { error: error.id, message: error.message, ...(error.field ? { field: error.field } : {}) });
        else send(response, 500, { error: 'journal_failed', message: `The read was not journaled: ${(error as Error).message}` });
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://edge').pathname;
    if (request.method === 'GET' && path === '/status') return send(response, 200, this.options.status());
    if (request.method === 'GET' && path === '/alerts') return send(response, 200, this.alerts(new URL(request.url ?? '/', 'http://edge').searchParams.get('limit')));
    if (request.method !== 'POST') throw new HttpError(404, 'not_found', `${request.method} ${path} is not served by the edge unit.`);
    const adapter = ADAPTERS[path];
    if (path === '/api/v1/ingest/reads') return send(response, 200, await this.native(await readBody(request, this.options.maxBodyBytes)));
    if (!adapter) throw new HttpError(404, 'not_found', `POST ${path} is not served by the edge unit.`);
    const result = adapter(await readBody(request, this.options.maxBodyBytes), this.options.adapterContext);
    const { results } = await this.journalReads(result.reads);
    return send(response, 200, { format: result.format, ...summary(results), results, ...(result.note ? { note: result.note } : {}) });
  }

  /** The native batch: atomic (default) refuses it all for one bad read, partial journals the good ones. */
  private async native(body: unknown): Promise<object> {
    const batch = body as { reads?: unknown; mode?: unknown };
    if (!batch || typeof batch !== 'object' || !Array.isArray(batch.reads) || batch.reads.length === 0) throw new HttpError(422, 'invalid_batch', 'The body must be { "reads": [ … at least one read ], "mode"?: "atomic" | "partial" }.');
    const mode = batch.mode ?? 'atomic';
    if (mode !== 'atomic' && mode !== 'partial') throw new HttpError(422, 'invalid_batch', 'mode must be "atomic" or "partial".');
    const invalid = new Map<number, string>();
    batch.reads.forEach((read, index) => {
      if (!checkRead.Check(read)) {
        const first = checkRead.Errors(read)[0];
        invalid.set(index, `reads/${index}${first?.instancePath ?? ''}: ${first?.message ?? 'invalid'}`);
      }
    });
    if (invalid.size && mode === 'atomic')
      throw new HttpError(422, 'invalid_reads', `${invalid.size} of ${batch.reads.length} reads are invalid, so nothing was journaled (first: ${[...invalid.values()][0]}).`, [...invalid.values()]);
    const good = batch.reads.filter((_, index) => !invalid.has(index)) as IncomingRead[];
    const { results: journaled } = await this.journalReads(good);
    let next = 0;
    const results: ReadResult[] = batch.reads.map((read, index) => {
      const reason = invalid.get(index);
      return reason ? { id: String((read as { id?: unknown } | null)?.id ?? ''), status: 'rejected', reason } : journaled[next++]!;
    });
    return { ...summary(results), results };
  }

  /** The in-car display's list of local hits, newest first (?limit=, default 100). */
  private alerts(limitText: string | null): object {
    const limit = limitText === null ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new HttpError(400, 'invalid_limit', 'limit must be a whole number from 1 to 10000.');
    if (!this.options.hotlists) return { alerts: [], hotlists: null, note: 'Local hot-list matching is off on this unit (--no-hotlists).' };
    return this.options.hotlists.alerts(limit);
  }

  private async journalReads(incoming: IncomingRead[]): Promise<{ results: ReadResult[] }> {
    // Matched before the journal write, so a hit rides up with the read (vendor.edgeHits); recorded
    // as a local alert once the read is journaled, before the recognizer gets its answer.
    const matched = this.options.hotlists?.match(incoming);
    const reads = matched?.reads ?? incoming;
    const { appended } = await this.journal.append(reads);
    await matched?.raise(appended.map((entry) => entry.read.id));
    const fresh = new Set(appended.map((entry) => entry.read.id));
    // The first copy of a newly journaled id is accepted; other copies, and ids already waiting, are duplicates.
    return { results: reads.map((read) => ({ id: read.id, status: fresh.delete(read.id) ? 'accepted' : 'duplicate' })) };
  }
}

function summary(results: ReadResult[]): { accepted: number; duplicate: number; rejected: number } {
  const count = (status: string) => results.filter((result) => result.status === status).length;
  return { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected') };
}
