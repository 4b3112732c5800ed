// A labelled form control with its hint and its error, wired for screen readers.
import type { ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Something to fix. */
  error?: string | undefined;
  /** Something that is not allowed at all (a prohibited purpose): shown as a refusal, not a hint to fix. */
  refusal?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ id, label, hint, error, refusal, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const refusalId = refusal ? `${id}-refusal` : undefined;
  return (
    <div className={error || refusal ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        'aria-describedby': [refusalId, errorId, hintId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error || refusal ? true : undefined,
      })}
      <FieldRefusal id={refusalId} message={refusal} />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string | undefined; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}

/** A refusal: what was asked is not allowed, whatever the wording. */
export function FieldRefusal({ id, message }: { id: string | undefined; message: string | undefined }) {
  if (!message) return null;
  return (
    <div id={id} className="field-refusal" role="alert">
      <strong>Not allowed.</strong> {message}
    </div>
  );
}

/** An error for the whole form, announced when it appears. */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="form-alert" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
