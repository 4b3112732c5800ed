import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingRead } from '../ingest/ingest.schemas.js';
import { Forwarder } from './forwarder.js';
import { Journal } from './journal.js';

const read = (): IncomingRead => ({ id: uuidv7(), capturedAt: new Date().toISOString(), plate: '8ABC123', location: { lat: 32.7, lon: -117.1 } });

/** A server that stores reads idempotently by id; `plan` says what each call does. */
function fakeServer(plan: ('down' | 'ok' | 'lost-answer' | 'error')[]) {
  const stored = new Map<string, number>(); // id → times stored (must stay 1)
  const calls: string[][] = [];
  let call = 0;
  const fakeFetch = (async (_url: URL, init?: RequestInit) => {
    const step = plan[call++] ?? 'ok';
    const body = JSON.parse(String(init?.body)) as { reads: IncomingRead[]; mode: string };
    calls.push(body.reads.map((r) => r.id));
    if (step === 'down') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    if (step === 'error') return new Response('{"error":"unavailable"}', { status: 503 });
    const results = body.reads.map((r) => {
      if (stored.has(r.id)) return { id: r.id, status: 'duplicate' };
      stored.set(r.id, 1);
      return { id: r.id, status: 'accepted' };
    });
    if (step === 'lost-answer') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    return Response.json({ accepted: results.filter((r) => r.status === 'accepted').length, duplicate: 0, rejected: 0, results });
  }) as typeof globalThis.fetch;
  return { fetch: fakeFetch, stored, calls };
}

describe('edge forwarder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const made of dirs.splice(0)) rmSync(made, { recursive: true, force: true });
  });
  const journalIn = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'platekeeper-forwarder-'));
    dirs.push(dir);
    return Journal.open(dir);
  };

  it('resends after failures, in order, and the server stores each read once', async () => {
    const journal = await journalIn();
    const reads = Array.from({ length: 25 }, () => read());
    await journal.append(reads);
    const server = fakeServer(['down', 'ok', 'lost-answer', 'error', 'down', 'ok', 'ok']);
    const forwarder = new Forwarder(journal, { server: 'http://server.test', key: 'pkc_test', batch: 10, fetch: server.fetch });

    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push(await forwarder.sendOnce());
    expect(outcomes).toEqual(['failed', 'sent', 'failed', 'failed', 'failed', 'sent', 'sent', 'idle']);
    // The batch whose answer was lost was sent again, as it was.
    expect(server.calls[3]).toEqual(server.calls[2]);
    expect(server.calls[5]).toEqual(server.calls[2]);
    expect([...server.stored.keys()].sort()).toEqual(reads.map((r) => r.id).sort());
    expect([...server.stored.values()].every((times) => times === 1)).toBe(true);
    expect(journal.backlog).toBe(0);
    expect(journal.acknowledged).toBe(25);
    expect(forwarder.status()).toMatchObject({ backlog: 0, lastError: null, serverReachable: true, sent: 25 });
    await journal.close();
  });

  it('acknowledges only the answered prefix and retries the rest', async () => {
    const journal = await journalIn();
    const reads = Array.from({ length: 4 }, () => read());
    await journal.append(reads);
    let call = 0;
    const answers = (async () => {
      call++;
      const statuses = call === 1 ? ['accepted', 'rejected', 'not_stored', 'accepted'] : ['accepted', 'duplicate'];
      const ids = call === 1 ? reads.map((r) => r.id) : [reads[2]!.id, reads[3]!.id];
      return Response.json({ accepted: 0, duplicate: 0, rejected: 0, results: ids.map((id, i) => ({ id, status: statuses[i], reason: 'bad' })) });
    }) as unknown as typeof globalThis.fetch;
    const forwarder = new Forwarder(journal, { server: 'http://server.test', key: 'pkc_test', batch: 10, fetch: answers });
    expect(await forwarder.sendOnce()).toBe('sent');
    expect(journal.acknowledged).toBe(2);
    expect(await forwarder.sendOnce()).toBe('sent');
    expect(journal.backlog).toBe(0);
    expect(forwarder.status()).toMatchObject({ sent: 3, rejected: 1 });
    await journal.close();
  });

  it('reports the server unreachable and keeps the backlog while it is down', async () => {
    const journal = await journalIn();
    await journal.append([read(), read()]);
    const forwarder = new Forwarder(journal, { server: 'http://server.test', key: 'pkc_test', batch: 10, fetch: fakeServer(['down']).fetch });
    expect(await forwarder.sendOnce()).toBe('failed');
    expect(forwarder.status()).toMatchObject({ backlog: 2, serverReachable: false, lastSentAt: null, lastError: 'server unreachable: connect ECONNREFUSED' });
    await journal.close();
  });
});
