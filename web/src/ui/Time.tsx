import { absoluteTime, relativeTime } from './time.js';

/** A relative time ("2 minutes ago") with the exact instant as its machine value and tooltip. */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
