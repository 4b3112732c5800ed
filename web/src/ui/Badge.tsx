import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'demo' | 'good' | 'muted' | 'warn' | 'bad';

/** A short label; the words carry the meaning, the colour only repeats it. */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
