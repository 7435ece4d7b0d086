import { defineConfig } from 'vite'
import { META_CONTENT_SECURITY_POLICY } from './src/security/csp.js'

// The renderer is plain TypeScript and ProseMirror; it runs unchanged in the
// Electron window (file:// via relative paths) and in browser mode.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [{ name: 'paraaf-csp', transformIndexHtml: (html) => html.replace('%PARAAF_CSP%', META_CONTENT_SECURITY_POLICY) }],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
})
