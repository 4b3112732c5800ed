// Where an API error belongs in a form: next to the field it names, or at the top of the form.
import { ApiError } from '../api/client.js';

/** The message for a field (its own error, one of its sub-fields', or a detail that names it). */
export function errorFor(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const matches = (name: string | undefined) => name !== undefined && (name === field || name.startsWith(`${field}/`));
  if (matches(error.field)) return error.message;
  return error.details?.find((detail) => matches(detail.field))?.message;
}

/** The message to show above the form: errors that name none of the form's fields. */
export function formError(error: unknown, fields: readonly string[]): string | undefined {
  if (error === undefined || error === null) return undefined;
  if (!(error instanceof ApiError)) return 'Something went wrong in the page; reload it and try again.';
  return fields.some((field) => errorFor(error, field) !== undefined) ? undefined : error.message;
}

/** Moves focus to the first form control that has an error (after React has rendered it). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .form-alert');
    target?.focus();
  });
}
