import { defineConfig } from 'vite'

// The renderer is plain TypeScript and ProseMirror; it runs unchanged in the
// Electron window (file:// via relative paths) and in browser mode.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
})
