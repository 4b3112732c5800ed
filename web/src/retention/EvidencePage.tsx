// Evidence export (R31, R32): reads "downloaded onto portable media and booked into evidence" as a
// ZIP with both images, JSON and CSV listings, a chain-of-custody record and a manifest of SHA-256
// hashes. Needs a stated purpose; every bundle and every download is logged.
import { useState } from 'react';
import { StatedPurposePanel, useStatedPurpose } from '../search/StatedPurposePanel.js';
import { Badge } from '../ui/Badge.js';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { useResource } from '../ui/useResource.js';
import { retentionApi, type BuiltBundle } from './retention.api.js';

const FIELDS = ['readIds', 'caseNumber', 'recipient'];

export function EvidencePage() {
  const [purpose, setPurpose] = useStatedPurpose();
  const bundles = useResource(retentionApi.bundles);
  const [values, setValues] = useState({ readIds: '', recipient: '' });
  const [built, setBuilt] = useState<BuiltBundle>();
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const result = await retentionApi.buildBundle({ readIds: values.readIds.split(/[\s,]+/).filter(Boolean), ...(values.recipient.trim() ? { recipient: values.recipient.trim() } : {}) });
    setBuilt(result);
    setValues({ readIds: '', recipient: '' });
    await bundles.reload();
  });
  return (
    <>
      <PageHeading title="Evidence export" />
      <p className="lead">
        An evidence bundle holds the reads, both images of each, a JSON and a CSV listing, a chain-of-custody record (who, when, purpose, case) and manifest.json with the SHA-256 of every file.
        Booked into evidence (R31), it is exempt from the destruction date of ordinary downloads (R32). Check a bundle at any time with <code>platekeeper evidence verify BUNDLE.zip</code>.
      </p>
      <StatedPurposePanel purpose={purpose} onChange={setPurpose} />
      {purpose ? (
        <form ref={form} onSubmit={onSubmit} className="panel" aria-label="Build an evidence bundle">
          <FormAlert message={formError(error, FIELDS)} />
          <Field id="evidence-ids" label="Read ids" hint={`One per line. The bundle is filed under case ${purpose.caseNumber}.`} error={errorFor(error, 'readIds')}>
            {(control) => <textarea {...control} className="mono" rows={5} value={values.readIds} onChange={(event) => setValues({ ...values, readIds: event.target.value })} required />}
          </Field>
          <Field id="evidence-recipient" label="Given to (optional)" hint="A prosecutor or another agency: recorded as a copy outside this server (R33)." error={errorFor(error, 'recipient')}>
            {(control) => <input {...control} value={values.recipient} onChange={(event) => setValues({ ...values, recipient: event.target.value })} />}
          </Field>
          <button type="submit" disabled={busy}>
            Build bundle
          </button>
        </form>
      ) : null}
      {built ? (
        <div className="panel" role="status">
          <p>
            Bundle <span className="mono">{built.bundle.fileName}</span> is ready: {built.bundle.readCount} reads, {built.files.length} files. SHA-256 of the ZIP: <span className="mono">{built.bundle.sha256}</span>
          </p>
          <a href={retentionApi.bundleUrl(built.bundle.id)} download={built.bundle.fileName}>
            Download the bundle
          </a>
        </div>
      ) : null}
      <section aria-labelledby="bundles-heading">
        <h2 id="bundles-heading">Bundles</h2>
        <FormAlert message={formError(bundles.error, [])} />
        {bundles.data?.length ? (
          <TableScroll label="Evidence bundles">
            <table>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Made</th>
                  <th scope="col">Reads</th>
                  <th scope="col">Given to</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Download</th>
                </tr>
              </thead>
              <tbody>
                {bundles.data.map((bundle) => (
                  <tr key={bundle.id}>
                    <td className="mono">{bundle.caseNumber}</td>
                    <td>
                      {bundle.createdAt.slice(0, 10)} by {bundle.createdBy}
                    </td>
                    <td>{bundle.readCount}</td>
                    <td>{bundle.recipient ?? '—'}</td>
                    <td className="mono" title={bundle.sha256}>
                      {bundle.sha256.slice(0, 16)}…
                    </td>
                    <td>
                      {purpose ? (
                        <a href={retentionApi.bundleUrl(bundle.id)} download={bundle.fileName}>
                          {bundle.fileName}
                        </a>
                      ) : (
                        <span className="hint">state a purpose to download</span>
                      )}{' '}
                      {bundle.bookedEvidence ? <Badge tone="neutral">evidence (R31)</Badge> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="hint">No bundles yet.</p>
        )}
      </section>
    </>
  );
}
