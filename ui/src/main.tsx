import './global.css';
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { InstUISettingsProvider, canvas } from '@instructure/ui'
import { App } from './App'
import { initSession } from './session'

// Read (and remove) the launch token before React renders anything.
initSession()

const container = document.getElementById('root')
if (!container) throw new Error('Staffroom: #root element missing from index.html')

createRoot(container).render(
  <StrictMode>
    <InstUISettingsProvider theme={canvas}>
      <App />
    </InstUISettingsProvider>
  </StrictMode>
)
