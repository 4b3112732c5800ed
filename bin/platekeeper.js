#!/usr/bin/env node
// The installed command. The TypeScript sources are compiled to dist/ by `npm install` (prepare).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('platekeeper: dist/ is missing; run `npm install` (or `npm run build`) in the project folder first.');
    process.exit(70);
  }
  throw error;
});
