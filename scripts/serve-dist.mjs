// Serves dist/ under a base path the way GitHub Pages does: files only, a 404 for anything
// missing (no index.html fallback, unlike `vite preview`), and the right MIME types.
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".data": "application/octet-stream",
  ".tar.gz": "application/gzip",
};

/**
 * `overrides` maps a path under the base (e.g. "sw.js") to a function giving the text to serve
 * instead of the file, or undefined for the file: a test's way to deploy a new version.
 */
export function serveDist({ dir = "dist", base = "/backend-playground/", port = 4173, host = "127.0.0.1", overrides = {} } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { location: base });
      return res.end();
    }
    if (!path.startsWith(base)) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("Not found");
    }
    path = path.slice(base.length);
    if (path === "" || path.endsWith("/")) path += "index.html";
    const text = overrides[path]?.();
    if (text !== undefined) {
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", "cache-control": "no-cache" });
      return res.end(text);
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403);
      return res.end();
    }
    let stat;
    try {
      stat = statSync(file);
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("Not found");
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": stat.size });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4173);
  const base = process.env.BASE_PATH ?? "/backend-playground/";
  serveDist({ port, base, dir: process.env.DIST_DIR ?? "dist" }).then(() => console.log(`Serving dist/ at http://127.0.0.1:${port}${base}`));
}
