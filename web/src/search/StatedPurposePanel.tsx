// The purpose comes first (R17, R21): until the user states one, the search page shows only the
// purpose form. The stated purpose is remembered for the session (sessionStorage, http.ts) and sent
// with every search and image request; "Change purpose" states another.
import { useState } from 'react';
import { api } from '../api/client.js';
import { setStatedPurpose, statedPurpose, type StatedPurposeRef } from '../api/http.js';
import { PurposeForm, type AcceptedPurpose } from '../access/PurposeForm.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';

export function useStatedPurpose(): [StatedPurposeRef | undefined, (next: StatedPurposeRef | undefined) => void] {
  const [purpose, setPurpose] = useState(statedPurpose);
  return [
    purpose,
    (next) => {
      setStatedPurpose(next);
      setPurpose(next);
    },
  ];
}

export function StatedPurposePanel({ purpose, onChange }: { purpose: StatedPurposeRef | undefined; onChange: (next: StatedPurposeRef | undefined) => void }) {
  const [error, setError] = useState<unknown>();
  if (purpose) {
    return (
      <section className="panel purpose-panel search-purpose" aria-label="Stated purpose">
        <p>
          Searching for case <strong className="mono">{purpose.caseNumber}</strong> ({purpose.category.replaceAll('_', ' ')}): {purpose.reason}
        </p>
        <p className="hint">Every search, image and export is written to the access log with this purpose (R25).</p>
        <button type="button" className="button-quiet" onClick={() => onChange(undefined)}>
          Change purpose
        </button>
      </section>
    );
  }
  const use = async (accepted: AcceptedPurpose | undefined) => {
    if (!accepted) return;
    setError(undefined);
    try {
      const stated = await api.statePurpose({ caseNumber: accepted.caseNumber, category: accepted.category, reason: accepted.reason });
      onChange({ purposeId: stated.purposeId, caseNumber: stated.purpose.caseNumber, category: stated.purpose.category, reason: stated.purpose.reason });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="panel" aria-label="State your purpose">
      <h2>State your purpose first</h2>
      <p className="lead">Searches return ALPR data only for a stated, lawful purpose (R21): a case or incident number and what you are looking for and why.</p>
      <FormAlert message={formError(error, [])} />
      <PurposeForm submitLabel="Use this purpose" idPrefix="search-purpose" onChecked={(accepted) => void use(accepted)} />
    </section>
  );
}
