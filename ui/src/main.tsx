import './global.css';
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { InstUISettingsProvider, canvas } from '@instructure/ui'
import { CacheProvider } from '@emotion/react'
import { HashRouter } from 'react-router'
import { App } from './App'
import { initSession } from './session'
import { createStyleCache, routeStyleAttributesThroughCssom } from './styleNonce'

// Read (and remove) the launch token before React renders anything.
initSession()
routeStyleAttributesThroughCssom()

const container = document.getElementById('root')
if (!container) throw new Error('Staffroom: #root element missing from index.html')

createRoot(container).render(
  <StrictMode>
    <CacheProvider value={createStyleCache()}>
      <InstUISettingsProvider theme={canvas}>
        {/* Hash routes: a reload of the LMS frame keeps the screen, and the server needs no per-route fallback. */}
        <HashRouter>
          <App />
        </HashRouter>
      </InstUISettingsProvider>
    </CacheProvider>
  </StrictMode>
)
