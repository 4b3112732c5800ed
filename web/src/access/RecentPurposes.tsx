// The user's last accepted purposes (R21), one click to state one again; it is checked again when used.
import { api, type RecentPurpose } from '../api/client.js';
import { RelativeTime } from '../ui/Time.js';
import { useResource } from '../ui/useResource.js';

export function RecentPurposes({ onUse }: { onUse: (purpose: RecentPurpose) => void }) {
  const recent = useResource(api.recentPurposes);
  if (!recent.data?.length) return null;
  const now = Date.now();
  return (
    <section className="recent-purposes" aria-labelledby="recent-purposes-heading">
      <h3 id="recent-purposes-heading">Recent purposes</h3>
      <ul>
        {recent.data.map((purpose) => (
          <li key={`${purpose.caseNumber}|${purpose.category}|${purpose.reason}`}>
            <button type="button" className="button-quiet recent-purpose" onClick={() => onUse(purpose)}>
              <span className="mono">{purpose.caseNumber}</span> · {purpose.categoryLabel}
              <span className="recent-reason">{purpose.reason}</span>
            </button>
            <span className="muted">
              {' '}
              used <RelativeTime iso={purpose.lastUsedAt} now={now} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
