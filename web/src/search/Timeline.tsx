// The reads on a time axis (a plate's history, a canvass window): one mark per read, oldest left.
import type { ReadView } from '../api/client.js';

const WIDTH = 800;
const HEIGHT = 64;
const PAD = 16;

export function Timeline({ reads, selected, onSelect }: { reads: readonly ReadView[]; selected: string | undefined; onSelect: (read: ReadView) => void }) {
  if (reads.length === 0) return null;
  const times = reads.map((read) => Date.parse(read.capturedAt));
  const min = Math.min(...times);
  const max = Math.max(...times);
  const span = Math.max(max - min, 60_000);
  const x = (t: number) => PAD + ((t - min) / span) * (WIDTH - 2 * PAD);
  const plates = [...new Set(reads.map((read) => read.plate))];
  const y = (plate: string) => 12 + ((plates.indexOf(plate) % 4) * (HEIGHT - 28)) / 3;
  return (
    <figure className="search-timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`} role="img" aria-label={`Timeline of ${reads.length} reads from ${new Date(min).toLocaleString()} to ${new Date(max).toLocaleString()}`}>
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT} y2={HEIGHT} stroke="#94a3b8" />
        {reads.map((read, i) => (
          <circle
            key={read.id}
            cx={x(times[i] ?? min)}
            cy={y(read.plate)}
            r={read.id === selected ? 7 : 5}
            fill={read.id === selected ? '#b91c1c' : '#1d4ed8'}
            opacity={0.75}
            onClick={() => onSelect(read)}
          >
            <title>{`${read.plate} · ${read.cameraName} · ${new Date(read.capturedAt).toLocaleString()}`}</title>
          </circle>
        ))}
        <text x={PAD} y={HEIGHT + 12} fontSize="10" fill="#475569">
          {new Date(min).toLocaleString()}
        </text>
        <text x={WIDTH - PAD} y={HEIGHT + 12} fontSize="10" fill="#475569" textAnchor="end">
          {new Date(max).toLocaleString()}
        </text>
      </svg>
    </figure>
  );
}
