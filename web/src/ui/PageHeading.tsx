import { useEffect, type ReactNode } from 'react';

/** The page's h1; sets the document title. Focusable so navigation can move focus to it. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Platekeeper`;
  }, [title]);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </div>
  );
}
