import "./prefetch";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { applyTheme } from "./stores/theme";
import { registerServiceWorker } from "./shell/service-worker";

import "./styles.css";

applyTheme();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline support (build/offline.ts) once the page is idle: never in the way of the first paint.
if (typeof requestIdleCallback === "function") requestIdleCallback(registerServiceWorker, { timeout: 4000 });
else setTimeout(registerServiceWorker, 2000);
