/** Entry point: the controller, the test API, the link, then the page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openFromLocation } from './app/bootstrap';
import { LabController } from './app/controller';
import { startPersisting } from './app/persist';
import { createTestApi } from './app/testApi';
import { labStore } from './store/labStore';
import { App } from './ui/App';
import { ControllerContext } from './ui/controllerContext';
import './ui/styles.css';

const controller = new LabController();
const opened = openFromLocation(controller, location.search);
window.faultline = createTestApi(controller, opened);

let theme: 'light' | 'dark' = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
try {
  const saved = localStorage.getItem('faultline.theme');
  if (saved === 'light' || saved === 'dark') theme = saved;
} catch {
  // No storage: follow the system preference.
}
labStore.setState({ theme });
document.documentElement.dataset.theme = theme;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);

// Remember the scenario from now on (after the first load, so a stored scenario that failed to
// open is set aside before anything overwrites it).
opened
  .catch(() => {
    // The banner already says what went wrong; the page stays usable.
  })
  .finally(() => startPersisting(controller));
