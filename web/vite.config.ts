// The browser app's build. Vite 8 compiles TSX itself (oxc), so no React plugin is needed. The
// server serves web/dist and falls back to index.html for client routes.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // react-router marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development; API calls go to a running server.
    proxy: { '/api': 'http://localhost:8080' },
  },
});
