import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { rekorGroup } from '../ingest/adapters/fixtures/openalpr.fixtures.js';
import { Journal } from './journal.js';
import { Receiver } from './receiver.js';

describe('edge receiver', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const start = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platekeeper-receiver-'));
    const journal = await Journal.open(dir);
    const receiver = new Receiver(journal, { host: '127.0.0.1', port: 0, maxBodyBytes: 1_000_000, adapterContext: { cameraId: 'edge-test', timeZone: 'UTC' }, status: () => ({ backlog: journal.backlog }) });
    const url = await receiver.listen();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => journal.close(), () => receiver.close());
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    return { journal, url, post };
  };

  it('journals a Rekor alpr_group webhook through the server adapter, once', async () => {
    const { journal, url, post } = await start();
    const first = await post('/api/v1/ingest/openalpr', rekorGroup);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ format: 'alpr_group', accepted: 1, duplicate: 0 });
    expect((await post('/api/v1/ingest/openalpr', rekorGroup)).body).toMatchObject({ accepted: 0, duplicate: 1 });
    expect(journal.pending(10).map((entry) => entry.read.plate)).toEqual([rekorGroup.best_plate_number]);
    expect(await (await fetch(`${url}/status`)).json()).toEqual({ backlog: 1 });
  });

  it('refuses an atomic native batch with a bad read and journals nothing; partial keeps the good ones', async () => {
    const { journal, post } = await start();
    const good = { id: uuidv7(), capturedAt: new Date().toISOString(), plate: '8ABC123', location: { lat: 32.7, lon: -117.1 } };
    const bad = { id: uuidv7(), plate: '' };
    const atomic = await post('/api/v1/ingest/reads', { reads: [good, bad] });
    expect(atomic.status).toBe(422);
    expect(journal.backlog).toBe(0);
    const partial = await post('/api/v1/ingest/reads', { reads: [good, bad], mode: 'partial' });
    expect(partial.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(journal.pending(10).map((entry) => entry.read.id)).toEqual([good.id]);
  });
});
