import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Resolve paths from this file, not the cwd: `npm run build:ui` runs from the repo root.
const uiDir = fileURLToPath(new URL('.', import.meta.url))

/** Vite config for the Staffroom front-end; the server serves `ui/dist` under `/app/`. */
export default defineConfig({
  root: uiDir,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Never inline assets as data: URLs, so the CSP can stay at 'self'.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks keep them cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'instui', test: /node_modules[\\/]@instructure[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ }
          ]
        }
      }
    }
  }
})
