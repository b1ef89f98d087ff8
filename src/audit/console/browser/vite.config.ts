import { defineConfig } from 'vite';

/**
 * The console's build: `vite build src/audit/console/browser` (part of `npm run build`).
 * Paths are relative to this folder; the output lands next to the compiled server, which
 * serves it at /console/ (console-assets.ts).
 */
export default defineConfig({
  base: '/console/',
  publicDir: 'public',
  clearScreen: false,
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../../../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    // One entry chunk: no preload helper, which would be code the policy has no need for.
    modulePreload: { polyfill: false },
  },
  // `npm run console:dev` against an API on :3000; the built console needs none of this.
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/docs-json': 'http://127.0.0.1:3000' } },
});
