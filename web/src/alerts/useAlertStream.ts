// The live alert stream (SSE) as React state. EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays what was missed; when the browser gives up (the server
// refused or went away), this opens a new one after a pause with ?since= the last alert number.
import { useCallback, useEffect, useRef, useState } from 'react';
import { alertStreamUrl, api, type AlertView } from '../api/client.js';
import { chime } from './sound.js';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

interface Update {
  seq: number;
  status: AlertView['workflow']['status'];
  next: AlertView['workflow']['next'];
  disposition: AlertView['workflow']['disposition'];
}

const RETRY_MS = 3_000;
const FRESH_MS = 60_000;

export function useAlertStream() {
  const [alerts, setAlerts] = useState<ReadonlyMap<number, AlertView>>(new Map());
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [refusal, setRefusal] = useState<string>();
  const [newest, setNewest] = useState<number>();
  const lastId = useRef<number | undefined>(undefined);

  const put = useCallback((view: AlertView) => setAlerts((current) => new Map(current).set(view.seq, view)), []);

  useEffect(() => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(alertStreamUrl(lastId.current), { withCredentials: true });
      source.onopen = () => {
        setStatus('live');
        setRefusal(undefined);
      };
      source.addEventListener('alert', (event) => {
        const view = JSON.parse((event as MessageEvent<string>).data) as AlertView;
        lastId.current = Math.max(lastId.current ?? 0, view.seq);
        put(view);
        if (view.workflow.status === 'open') {
          setNewest(view.seq);
          // A new hit chimes; the open alerts a fresh stream starts with (or a replay of old ones) do not.
          if (Date.now() - Date.parse(view.createdAt) < FRESH_MS) chime();
        }
      });
      source.addEventListener('update', (event) => {
        const update = JSON.parse((event as MessageEvent<string>).data) as Update;
        setAlerts((current) => {
          const known = current.get(update.seq);
          if (!known) return current;
          return new Map(current).set(update.seq, { ...known, workflow: { ...known.workflow, status: update.status, next: update.next, disposition: update.disposition } });
        });
      });
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          // Say why, if the gate refuses this user (training, job title, data sources).
          void api
            .eligibility()
            .then((eligibility) => {
              if (!eligibility.ok && eligibility.refusal) {
                setStatus('refused');
                setRefusal(eligibility.refusal.message);
              } else setStatus('reconnecting');
            })
            .catch(() => setStatus('reconnecting'));
          timer = setTimeout(open, RETRY_MS);
        } else setStatus('reconnecting');
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [put]);

  return { alerts, status, refusal, newest, put };
}
