// What the browser tests share: a static server for web/dist, Debian's Chromium through
// playwright-core, and pixels of the page.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const dist = process.env.OPTISCAPE_WEB_DIST ?? join(root, "web", "dist");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".ron": "text/plain; charset=utf-8",
};

/** Serves web/dist on a free port of 127.0.0.1; resolves to { url, close }. */
export async function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(dist, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** Debian's Chromium, headless, with the flags this machine needs (no network, no GPU). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--enable-unsafe-swiftshader",
    ],
  });
}

export const viewport = { width: 1280, height: 800 };

/** A new page at 1280×800, in a fresh context of a browser or in a given context (which keeps its
 *  local storage), that records console errors and uncaught exceptions. */
export async function open(target, url) {
  const page = await (target.newContext ? target.newPage({ viewport }) : target.newPage());
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await firstFrame(page);
  return { page, errors };
}

/** Waits until the app has drawn its first frame. */
export async function firstFrame(page) {
  await page.waitForFunction(
    () => performance.getEntriesByName("optiscape-first-frame").length > 0,
    null,
    { timeout: 60_000 },
  );
}

/** The page's pixels as { width, height, data } (RGBA). */
export async function pixels(page) {
  return PNG.sync.read(await page.screenshot());
}

/** How many distinct colours, at most `cap` counted, the picture has. */
export function colours(png, cap = 1000) {
  const seen = new Set();
  for (let i = 0; i < png.data.length && seen.size < cap; i += 4) {
    seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  }
  return seen.size;
}

/** The fraction of pixels that differ between two pictures of the same size. */
export function changed(a, b) {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) {
      n += 1;
    }
  }
  return n / (a.width * a.height);
}

/** The title line of a built-in preset, from its file. */
export async function presetTitle(name) {
  const text = await readFile(join(root, "presets", `${name}.ron`), "utf8");
  return JSON.parse(text.match(/^\s*title:\s*("(?:[^"\\]|\\.)*")/m)[1]);
}

/** The page's status line (the notices, for screen readers). */
export function status(page) {
  return page.locator("#status").textContent();
}
