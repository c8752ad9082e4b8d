// Measures the web edition's budgets (printed, not asserted; the README gives the figures):
// the .wasm's size and gzip-compressed size, the time from navigation to the first frame, and the
// app's CPU time per frame while the learning-rate slider of the default scenario is dragged.
// Here Chromium's WebGL is SwiftShader, a software renderer, so frame times include no GPU.
// Run `bash web/build.sh` first.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, open, root, serve } from "./page.mjs";

// Where the selected run's learning-rate slider is at 1280×800 with the first launch's settings
// (the side panel's "lr" row), and how far it is dragged.
const SLIDER = { x: Number(process.env.SLIDER_X ?? 57), y: Number(process.env.SLIDER_Y ?? 470) };
const DRAG = 55;
const ROUNDS = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const wasm = readFileSync(join(root, "web", "dist", "optiscape_bg.wasm"));
const mib = (n) => (n / (1 << 20)).toFixed(2);
console.log(`.wasm: ${mib(wasm.length)} MiB, ${mib(gzipSync(wasm, { level: 9 }).length)} MiB gzip-compressed`);

const server = await serve();
const browser = await launch();
try {
  const first = [];
  const drag = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const { page, errors } = await open(browser, server.url);
    first.push(await page.evaluate(() => performance.getEntriesByName("optiscape-first-frame")[0].startTime));
    await page.waitForTimeout(1000);
    const hash = await page.evaluate(() => location.hash);
    const before = await page.evaluate(() => window.optiscape.frameTimes().length);
    await page.mouse.move(SLIDER.x, SLIDER.y);
    await page.mouse.down();
    for (let k = 1; k <= 60; k += 1) {
      await page.mouse.move(SLIDER.x + (DRAG * k) / 60, SLIDER.y);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    const times = await page.evaluate(() => window.optiscape.frameTimes());
    drag.push(...times.slice(before));
    await page.waitForTimeout(1000);
    const moved = (await page.evaluate(() => location.hash)) !== hash;
    if (!moved) console.log("warning: the drag did not change the scenario; set SLIDER_X and SLIDER_Y");
    if (errors.length) console.log(`console errors: ${errors.join("; ")}`);
    await page.close();
  }
  console.log(`first frame after navigation: median ${median(first).toFixed(0)} ms of ${ROUNDS} (${first.map((t) => t.toFixed(0)).join(", ")})`);
  console.log(`frame while dragging lr: median ${median(drag).toFixed(1)} ms, 95th percentile ${quantile(drag, 0.95).toFixed(1)} ms over ${drag.length} frames (software WebGL)`);
} finally {
  await browser.close();
  server.close();
}
