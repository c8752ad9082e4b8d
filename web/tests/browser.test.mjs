// The web edition in headless Chromium: it starts cleanly and draws, plays on Space, opens the
// scenario of a link made by `optiscape link`, survives hostile links with a message, opens a
// dropped preset, keeps the address bar on the scenario without new history entries, draws the
// 3-D view with WebGL2, and trains a network scenario's network in the page.
// Run `bash web/build.sh` first; `optiscape link` is the debug or release binary in target/
// (OPTISCAPE_BIN names another).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import {
  changed, colours, launch, open, pixels, presetTitle, root, serve, status, viewport,
} from "./page.mjs";

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

function optiscape(...args) {
  const bin = [
    process.env.OPTISCAPE_BIN,
    join(root, "target", "debug", "optiscape"),
    join(root, "target", "release", "optiscape"),
  ].find((b) => b && existsSync(b));
  assert.ok(bin, "build optiscape first (cargo build), or set OPTISCAPE_BIN");
  return execFileSync(bin, args, { encoding: "utf8", env: { ...process.env, OPTISCAPE_WEB_URL: "" } }).trim();
}

// The scenario the page opens on without a link (`Scenario::welcome`).
const WELCOME = "Rosenbrock's valley — optiscape";

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function focus(page) {
  await page.evaluate(() => document.getElementById("optiscape").focus());
}

test("the page starts without a console error and draws the landscape", async () => {
  const { page, errors } = await open(browser, server.url);
  assert.deepEqual(errors, []);
  assert.equal(await page.title(), WELCOME);
  // A drawn landscape has many colours; a blank or failed canvas has one or two.
  assert.ok(colours(await pixels(page)) > 200, "the canvas is drawn");
  assert.equal(await page.locator("#loading").count(), 0, "the loading message is gone");
  await page.close();
});

test("Space starts the animation", async () => {
  const { page, errors } = await open(browser, server.url);
  await sleep(300);
  const still = await pixels(page);
  await sleep(500);
  assert.equal(changed(still, await pixels(page)), 0, "nothing moves before Space");
  await focus(page);
  await page.keyboard.press("Space");
  await sleep(300);
  const a = await pixels(page);
  await sleep(500);
  assert.ok(changed(a, await pixels(page)) > 0, "the balls move after Space");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a link made by optiscape link opens its scenario", async () => {
  const fragment = optiscape("link", "zigzag-bowl");
  assert.match(fragment, /^#s=1\./);
  const { page, errors } = await open(browser, server.url + fragment);
  assert.equal(await page.title(), `${await presetTitle("zigzag-bowl")} — optiscape`);
  assert.equal(await status(page), "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the 3-D view is drawn by WebGL2: the surface uploaded once while the balls roll", async () => {
  const fragment = optiscape("link", "valley-3d");
  const { page, errors } = await open(browser, server.url + fragment);
  assert.equal(await page.title(), `${await presetTitle("valley-3d")} — optiscape`);
  await sleep(500);
  assert.equal(await status(page), "", "no notice that the CPU draws it");
  assert.ok(colours(await pixels(page)) > 200, "the block is drawn");
  await focus(page);
  await page.keyboard.press("Space");
  // Software WebGL on a busy 2-core machine draws a few frames a second: wait for the frames
  // rather than for a fixed time, so the count says what the GPU did, not how fast it was.
  await page
    .waitForFunction(() => window.optiscape.gpuUploads()[0] > 10, null, { timeout: 15_000 })
    .catch(() => {});
  const [frames, surface, trails] = await page.evaluate(() => window.optiscape.gpuUploads());
  assert.ok(frames > 10, `the GPU drew the frames while playing: ${frames}`);
  assert.equal(surface, 1, "the surface was uploaded once");
  assert.equal(trails, 1, "the trails were uploaded once");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a network scenario from a link trains in the page and draws its slice", async () => {
  const fragment = optiscape("link", "net-adam-vs-sgd");
  const { page, errors } = await open(browser, server.url + fragment);
  assert.equal(await page.title(), `${await presetTitle("net-adam-vs-sgd")} — optiscape`);
  const before = colours(await pixels(page));
  // Trained and sliced between frames: the page keeps drawing while it works.
  await sleep(4000);
  const times = await page.evaluate(() => window.optiscape.frameTimes());
  assert.ok(times.length > 5, `frames drawn while training: ${times.length}`);
  assert.equal(await status(page), "");
  const after = colours(await pixels(page));
  assert.ok(after > 200 && after >= before, `the slice is drawn: ${before} → ${after} colours`);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [what, fragment, said] of [
  ["not base64", "#s=1.@@@not-a-scenario", "link"],
  ["an unknown version", "#s=9.AAAA", "link"],
  ["a deflate bomb", `#s=1.${deflateRawSync(Buffer.alloc(4 << 20, 32)).toString("base64url")}`, "1 MiB"],
  ["over 64 KiB", `#s=1.${"A".repeat(70_000)}`, "at most 65536"],
]) {
  test(`a hostile link (${what}) keeps the page alive with a message`, async () => {
    const { page, errors } = await open(browser, server.url + fragment);
    const message = await status(page);
    assert.ok(message.includes(said), `the status says what is wrong: ${message}`);
    assert.equal(await page.title(), WELCOME);
    assert.ok(colours(await pixels(page)) > 200, "the landscape is still drawn");
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("a dropped preset file opens, and the address bar follows it without new history entries", async () => {
  const { page, errors } = await open(browser, server.url);
  const text = readFileSync(join(root, "presets", "saddle-momentum-escapes.ron"), "utf8");
  const before = await page.evaluate(() => history.length);
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "saddle-momentum-escapes.ron", { type: "text/plain" }));
    const canvas = document.getElementById("optiscape");
    for (const type of ["dragenter", "dragover", "drop"]) {
      canvas.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, text);
  const title = `${await presetTitle("saddle-momentum-escapes")} — optiscape`;
  await page.waitForFunction((t) => document.title === t, title, { timeout: 10_000 });
  await page.waitForFunction(() => location.hash.startsWith("#s=1."), null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => history.length), before, "no new history entry");
  // The address now opens the same scenario.
  const address = page.url();
  const again = await open(browser, address);
  assert.equal(await again.page.title(), title);
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
});

test("File → Open… uses the browser's file picker", async () => {
  const { page, errors } = await open(browser, server.url);
  // The File menu and its first item at 1280×800 with the first launch's settings.
  await page.mouse.click(20, 12);
  await sleep(300);
  // Playwright intercepts file pickers only once the waiter is set up, which takes a moment.
  const picker = page.waitForEvent("filechooser", { timeout: 10_000 });
  await sleep(300);
  await page.mouse.click(40, 39);
  const chooser = await picker;
  await chooser.setFiles(join(root, "presets", "zigzag-bowl.ron"));
  const title = `${await presetTitle("zigzag-bowl")} — optiscape`;
  await page.waitForFunction((t) => document.title === t, title, { timeout: 10_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("Save is a download of the scenario's preset file", async () => {
  const { page, errors } = await open(browser, server.url);
  await focus(page);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 10_000 }),
    page.keyboard.press("Control+s"),
  ]);
  assert.equal(download.suggestedFilename(), "rosenbrock-s-valley.ron");
  const text = readFileSync(await download.path(), "utf8");
  assert.match(text, /title: "Rosenbrock\\?'s valley"/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Export image and Export animation are downloads, the animation made in slices", async () => {
  const { page, errors } = await open(browser, server.url);
  // The File menu and its items at 1280×800 with the first launch's settings.
  const file = { x: 20, y: 12 };
  await page.mouse.click(file.x, file.y);
  await sleep(300);
  const [image] = await Promise.all([page.waitForEvent("download"), page.mouse.click(66, 155)]);
  assert.equal(image.suggestedFilename(), "landscape.png");
  assert.deepEqual([...readFileSync(await image.path()).subarray(1, 4)], [...Buffer.from("PNG")]);
  await page.mouse.click(file.x, file.y);
  await sleep(300);
  const animation = page.waitForEvent("download", { timeout: 120_000 });
  await page.mouse.click(79, 181);
  const gif = await animation;
  assert.equal(gif.suggestedFilename(), "landscape.gif");
  assert.equal(readFileSync(await gif.path()).subarray(0, 6).toString(), "GIF89a");
  assert.deepEqual(errors, []);
  await page.close();
});

// The costliest expressions to differentiate that are accepted: a browser parses them on the
// page's own stack, which must be large enough.
for (const expr of [`${"x*y+".repeat(24)}x`, `${"x/".repeat(16)}y`, `${"sin(x)*".repeat(10)}y`, `${"sin(".repeat(23)}x${")".repeat(23)}`]) {
  test(`a link with the custom expression ${expr.slice(0, 12)}… opens`, async () => {
    const preset = readFileSync(join(root, "presets", "custom-double-well.ron"), "utf8")
      .replace(/expr: "[^"]*"/, `expr: "${expr}"`)
      .replace(/title: "[^"]*"/, 'title: "Costly expression"');
    const file = join(mkdtempSync(join(tmpdir(), "optiscape-")), "costly.ron");
    writeFileSync(file, preset);
    const { page, errors } = await open(browser, server.url + optiscape("link", file));
    assert.equal(await page.title(), "Costly expression — optiscape");
    assert.equal(await status(page), "");
    assert.ok(colours(await pixels(page)) > 100, "the landscape is drawn");
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("settings persist in local storage", async () => {
  const fresh = await open(browser, server.url);
  const usual = await pixels(fresh.page);
  await fresh.page.close();
  const context = await browser.newContext({ viewport });
  const { page, errors } = await open(context, server.url);
  await focus(page);
  await page.keyboard.press("d");
  await sleep(500);
  // Leaving the page saves the settings (the 3-D view is on).
  await page.close({ runBeforeUnload: true });
  const again = await open(context, server.url);
  const stored = await again.page.evaluate(() => Object.values(localStorage).join(" "));
  assert.match(stored, /view_3d: ?true/);
  assert.ok(changed(usual, await pixels(again.page)) > 0.3, "the page opens in the 3-D view");
  assert.deepEqual([...errors, ...again.errors], []);
  await context.close();
});
