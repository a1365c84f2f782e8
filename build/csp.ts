import type { Plugin } from "vite";

// The built page's Content-Security-Policy. Workers started from blob: URLs (the sandbox) inherit
// it, which is what keeps learner code off the network: connect-src 'self'.
//   'unsafe-eval'       the sandbox evaluates transpiled learner code
//   'wasm-unsafe-eval'  PGlite and other WebAssembly engines
//   style 'unsafe-inline'  Monaco and React set inline styles
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

/** Adds the policy to index.html in production builds (the dev server needs inline scripts). */
export function cspPlugin(): Plugin {
  return {
    name: "backend-playground:csp",
    apply: "build",
    transformIndexHtml(html) {
      return html.replace("<head>", `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}
