// The search map (R23): cameras, the reads found, and the canvass area, drawn with Leaflet over a
// plain background. No tile layer: the app must work with no internet, and street tiles from a
// public server would also tell that server where investigators are looking.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { Area, ReadView, SearchCamera } from '../api/client.js';

interface Props {
  cameras: readonly SearchCamera[];
  reads: readonly ReadView[];
  areas: readonly Area[];
  selected: string | undefined;
  onSelect: (read: ReadView) => void;
  onPick: (point: { lat: number; lon: number }) => void;
}

export function SearchMap({ cameras, reads, areas, selected, onSelect, onPick }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | undefined>(undefined);
  const layer = useRef<L.LayerGroup | undefined>(undefined);
  const pick = useRef(onPick);
  const select = useRef(onSelect);
  useEffect(() => {
    pick.current = onPick;
    select.current = onSelect;
  });

  useEffect(() => {
    if (!element.current) return;
    const created = L.map(element.current, { attributionControl: false, zoomSnap: 0.25, center: [32.79, -116.96], zoom: 11 });
    created.on('click', (event: L.LeafletMouseEvent) => pick.current({ lat: event.latlng.lat, lon: event.latlng.lng }));
    layer.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const group = layer.current;
    const current = map.current;
    if (!group || !current) return;
    group.clearLayers();
    const bounds: L.LatLngExpression[] = [];
    for (const area of areas) {
      const shape =
        'center' in area
          ? L.circle([area.center.lat, area.center.lon], { radius: area.radiusMeters, color: '#b45309', weight: 2, fillOpacity: 0.08 })
          : L.polygon(
              area.polygon.map((p) => [p.lat, p.lon] as L.LatLngTuple),
              { color: '#b45309', weight: 2, fillOpacity: 0.08 },
            );
      shape.addTo(group);
      const b = shape.getBounds();
      bounds.push(b.getSouthWest(), b.getNorthEast());
    }
    for (const camera of cameras) {
      if (camera.lat === null || camera.lon === null) continue;
      L.circleMarker([camera.lat, camera.lon], { radius: 5, color: '#475569', weight: 1, fillColor: '#cbd5e1', fillOpacity: 1 }).bindTooltip(camera.name).addTo(group);
      if (reads.length === 0 && areas.length === 0) bounds.push([camera.lat, camera.lon]);
    }
    for (const read of reads) {
      if (read.lat === null || read.lon === null) continue;
      const chosen = read.id === selected;
      L.circleMarker([read.lat, read.lon], { radius: chosen ? 9 : 6, color: chosen ? '#b91c1c' : '#1d4ed8', weight: 2, fillOpacity: 0.6 })
        .bindTooltip(`${read.plate} · ${new Date(read.capturedAt).toLocaleString()}`)
        .on('click', () => select.current(read))
        .addTo(group);
      bounds.push([read.lat, read.lon]);
    }
    if (bounds.length > 0) current.fitBounds(L.latLngBounds(bounds), { padding: [24, 24], maxZoom: 16 });
  }, [cameras, reads, areas, selected]);

  return <div ref={element} className="search-map" role="region" aria-label="Map of cameras and reads (click to set an area's center)" />;
}
