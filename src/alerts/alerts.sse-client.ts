// A minimal Server-Sent Events reader over fetch, for the stream tests and bench:alerts (Node has
// no EventSource). Parses `id:`, `event:` and `data:` lines; comments (": ping") are skipped.
export interface SseEvent {
  id: number | undefined;
  event: string;
  data: unknown;
}

export interface SseConnection {
  /** Resolves once the response headers arrived (status checked). */
  opened: Promise<void>;
  /** Resolves when the stream ends (closed by either side). */
  ended: Promise<void>;
  close(): void;
}

export function openSse(url: string, headers: Record<string, string>, onEvent: (event: SseEvent) => void): SseConnection {
  const abort = new AbortController();
  let opened!: () => void;
  let failed!: (error: unknown) => void;
  const openedPromise = new Promise<void>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  const ended = (async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
      if (!response.ok || !response.body) throw new Error(`stream: ${response.status} ${await response.text()}`);
      opened();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          let id: number | undefined;
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = Number(line.slice(4));
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) onEvent({ id, event, data: JSON.parse(data.join('\n')) as unknown });
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) failed(error);
    }
  })();
  return { opened: openedPromise, ended, close: () => abort.abort() };
}
