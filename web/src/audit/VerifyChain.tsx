// Walks the access log's hash chain on the server and says whether it is intact, or where it breaks.
import { useState } from 'react';
import { api, type ChainVerification } from '../api/client.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';

export function VerifyChain() {
  const [result, setResult] = useState<ChainVerification>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.verifyChain());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="verify-chain" aria-label="Verify the chain">
      <button type="button" className="button-quiet" disabled={busy} onClick={() => void verify()}>
        {busy ? 'Verifying…' : 'Verify chain'}
      </button>
      <div role="status" className="verify-result">
        {result ? (
          result.ok ? (
            <p className="chain-intact">
              <strong>Intact.</strong> All {result.entries} entries verified.
              {result.head ? (
                <>
                  {' '}
                  Newest hash <code title="Record it to anchor later checks">{result.head.slice(0, 16)}…</code>
                </>
              ) : null}
            </p>
          ) : (
            <p className="chain-broken">
              <strong>Broken</strong> at entry #{result.brokenAt ?? '?'}
              {result.reason ? `: ${result.reason}` : ''}. {result.entries} entries before it verified. Report this to the Custodian of Records.
            </p>
          )
        ) : null}
      </div>
      <FormAlert message={formError(error, [])} />
    </section>
  );
}
