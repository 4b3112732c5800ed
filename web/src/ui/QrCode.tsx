// A QR code as SVG: one path of dark modules on a light square with the standard's quiet zone.
import { useMemo } from 'react';
import { qrMatrix } from './qr.js';

const QUIET_ZONE = 4;

export function QrCode({ text, label, size = 208 }: { text: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const matrix = qrMatrix(text);
    let d = '';
    matrix.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
      }),
    );
    return { d, extent: matrix.length + QUIET_ZONE * 2 };
  }, [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${path.extent} ${path.extent}`} shapeRendering="crispEdges">
      <rect width={path.extent} height={path.extent} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
