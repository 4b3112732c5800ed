// Invariant 1 at the type level: an AccessContext comes from the purpose gate or not at all.
// The `@ts-expect-error` lines are checked by `tsc --noEmit` (npm run check): if any of them ever
// compiled, the build would fail with "Unused '@ts-expect-error' directive".
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AccessContext, recordAccess, readThroughLog, takeIssuer, type AccessContextFields } from './access-context.js';
import './purpose-gate.js'; // loading the gate takes the issuer, as the app does at start

/** A data-returning function of a later room, reduced to its signature. */
function searchReads(ctx: AccessContext): string {
  return ctx.purpose.caseNumber;
}

/** Every public member of AccessContext, and nothing private: what a forger could write. */
type PublicShape = { [K in keyof AccessContext]: AccessContext[K] };

const fields = {
  id: 'ctx-1',
  user: { userId: 'u1', username: 'officer1', displayName: 'Officer One', jobTitle: 'Crime analyst', roles: ['analyst'], sessionId: 's1' },
  purpose: { caseNumber: '26-004512', category: 'felony_investigation', reason: 'Burglary at 400 Main St on 11/20; white pickup seen leaving' },
  action: 'search.plate',
  clientAddress: '127.0.0.1',
  device: null,
  openedAt: new Date('2026-11-23T12:00:00Z'),
  dataSources: ['agency'],
  recorder: { recordAccess: () => Promise.reject(new Error('must not be reached')) },
} satisfies AccessContextFields;

const lookalike: PublicShape = {
  id: fields.id,
  user: fields.user,
  purpose: fields.purpose,
  action: fields.action,
  clientAddress: fields.clientAddress,
  device: fields.device,
  openedAt: fields.openedAt,
  dataSources: ['agency', 'state', 'federal'],
  maySee: () => true,
  record: () => Promise.resolve({ id: 'forged' }),
};

describe('AccessContext (invariant 1)', () => {
  it('cannot be constructed outside the gate, at compile time or at run time', () => {
    // @ts-expect-error: the constructor is private; only the purpose gate issues contexts.
    expect(() => new AccessContext(Symbol('forged'), fields)).toThrow(/only by the purpose gate/);
    // Even with every type check switched off, the constructor wants a symbol no other module can name.
    const Forger = AccessContext as unknown as new (token: symbol, f: AccessContextFields) => AccessContext;
    expect(() => new Forger(Symbol('AccessContext.issuing'), fields)).toThrow(/only by the purpose gate/);
  });

  it('is not assignable from {} or from an object literal with every public member', () => {
    // @ts-expect-error: an empty object is not an AccessContext.
    const empty: AccessContext = {};
    // @ts-expect-error: a complete look-alike still lacks the #private brand.
    const forged: AccessContext = lookalike;
    // @ts-expect-error: nor can a look-alike be passed where data is returned.
    expect(() => searchReads({ ...lookalike })).not.toThrow(); // (it would run: the compiler is what stops it)
    expect([empty, forged]).toHaveLength(2);
    expect(AccessContext.isGenuine(lookalike)).toBe(false);
    expect(AccessContext.isGenuine({})).toBe(false);
    expect(AccessContext.isGenuine(null)).toBe(false);
  });

  it('refuses to log through a forged context at run time', async () => {
    await expect(recordAccess(lookalike as AccessContext, { action: 'search.plate', dataElements: {}, resultCount: 0 })).rejects.toThrow(/purpose gate/);
    let queried = false;
    const query = () => {
      queried = true;
      return Promise.resolve([1, 2, 3]);
    };
    await expect(readThroughLog(lookalike as AccessContext, { action: 'search.plate', dataElements: {} }, query)).rejects.toThrow(/purpose gate/);
    expect(queried).toBe(false);
  });

  it('has its issuer held by the purpose gate: a second taker is refused', () => {
    expect(() => takeIssuer()).toThrow(/already held by the purpose gate/);
  });

  it('names takeIssuer only in access-context.ts and purpose-gate.ts (and this test)', () => {
    const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|tsx|mts)$/.test(entry.name)) files.push(path);
      }
    };
    walk(root);
    const naming = files.filter((file) => readFileSync(file, 'utf8').includes('takeIssuer')).map((file) => relative(root, file).replaceAll('\\', '/'));
    expect(naming.sort()).toEqual(['access/access-context.test.ts', 'access/access-context.ts', 'access/purpose-gate.ts']);
  });
});
