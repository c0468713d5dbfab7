// The public portal (issue 11 item 1): a second, light Vite entry for
// citizens on phones. Vue and vue-router only, no Element Plus or ECharts,
// so that its first load stays small (scripts/portal-bundle-size).
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { applyStoredPrefs } from './prefs';
import './portal.css';

applyStoredPrefs();
createApp(App).use(router).mount('#portal');

// The service worker (public/portal-sw.js) only in production builds: in
// development it would serve stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/portal-sw.js', { scope: '/portal' }).catch(() => {
      // No worker (private mode, old browser): the portal works online as before.
    });
  });
}
