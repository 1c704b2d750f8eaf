// Renders ui://check-training/run in headless Chromium inside a host page that runs the official MCP Apps host bridge
// (AppBridge + PostMessageTransport from @modelcontextprotocol/ext-apps, bundled here with esbuild), under a strict CSP:
//   default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'
// Started by tests/CheckTraining.Mcp.Tests/View/RunViewBrowserTests.cs, which owns the real server: it writes the view
// (from resources/read) and real check_training results to <dir>, and answers this script's tool calls, one line each:
//   stdout "CALL <params json>"  ->  stdin "<CallToolResult json>"
//   stdout "END <run id>"        ->  stdin "OK" (the C# test has made that run finished, app stopped)
// Prints "RESULT <json>" with the figures and exits non-zero on the first broken expectation.
// Time in the page is Playwright's fake clock (page.clock): the 60 s refreshes are driven by runFor, never waited for.
// Usage: node run-view.test.mjs <dir>   (CHECKTRAINING_TEST_CHROMIUM overrides /usr/bin/chromium-headless-shell)
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
const executablePath = process.env.CHECKTRAINING_TEST_CHROMIUM || "/usr/bin/chromium-headless-shell";
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";
const HOST_URL = "http://host.invalid/";
const view = fs.readFileSync(path.join(dir, "view.html"), "utf8");
const cases = JSON.parse(fs.readFileSync(path.join(dir, "cases.json"), "utf8"));

// ---- tool calls through the C# test, which forwards them to the real server ----
const lines = readline.createInterface({ input: process.stdin });
const waiting = [];
lines.on("line", (line) => waiting.shift()?.(line));
const calls = [];
let lastResult = null;
function callServer(params) {
  calls.push(params);
  return new Promise((resolve) => {
    waiting.push((line) => resolve(lastResult = JSON.parse(line)));
    process.stdout.write("CALL " + JSON.stringify(params) + "\n");
  });
}
/** Asks the C# test to end the run (finished, its app stopped) before the next call. */
function endRun(run) {
  return new Promise((resolve) => {
    waiting.push((line) => resolve(line));
    process.stdout.write("END " + run + "\n");
  });
}
// The host's side of a failed refresh: the next N tool calls fail in the host, before the server.
let failNext = 0;
// A call the host takes and never answers (a dropped request): the next N tool calls hang.
let hangNext = 0;
function hostCallTool(params) {
  if (hangNext > 0) {
    hangNext--;
    return new Promise(() => {});
  }
  if (failNext > 0) {
    failNext--;
    throw new Error("the host lost the server (test)");
  }
  return callServer(params);
}

/** Waits for a condition on this side (Node's own timers, which the page's fake clock does not touch). */
async function until(condition, what, ms = 10000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// ---- the host page: the official bridge, bundled for the browser ----
const bundle = await esbuild.build({
  stdin: { contents: "export { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';", resolveDir: here, loader: "js" },
  bundle: true, format: "iife", globalName: "McpAppsHost", platform: "browser", write: false, minify: true, logLevel: "error",
});
const hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>test host</title>
<style>body{margin:0;padding:16px;background:#888} iframe{border:0;display:block;height:200px}</style></head><body>
<script>${bundle.outputFiles[0].text}</script>
<script>
window.startHost = async (html, toolResult, args, hostContext) => {
  const { AppBridge, PostMessageTransport } = McpAppsHost;
  const iframe = document.createElement("iframe");
  iframe.setAttribute("sandbox", "allow-scripts");
  iframe.style.width = hostContext.containerDimensions.width + "px";
  iframe.srcdoc = html;
  document.body.append(iframe);
  const bridge = new AppBridge(null, { name: "checktraining-browser-test", version: "1.0.0" },
    { serverTools: {}, openLinks: {} }, { hostContext });
  bridge.oncalltool = (params) => window.hostCallTool(params);
  bridge.onopenlink = async (params) => { await window.hostOpenLink(params.url); return {}; };
  bridge.onsizechange = (size) => { if (size.height) iframe.style.height = size.height + "px"; };
  bridge.oninitialized = () => { bridge.sendToolInput({ arguments: args }); bridge.sendToolResult(toolResult); };
  window.bridge = bridge;
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
};
</script></body></html>`;

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const figures = { viewBytes: Buffer.byteLength(view), firstRenderMs: {}, calls: 0, screenshots: [] };

/** Opens the host with the view and one result; collects every page error, console error and request. */
async function open(html, toolResult, args, theme, clock, width = 720) {
  const page = await browser.newPage({ viewport: { width: width + 80, height: 900 } });
  const seen = { errors: [], requests: [], links: [] };
  page.on("pageerror", (e) => seen.errors.push("page error: " + e.message));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") seen.errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on("request", (r) => { if (r.url() !== HOST_URL) seen.requests.push(r.url()); });
  await page.route("**/*", (route) => route.request().url() === HOST_URL
    ? route.fulfill({ status: 200, contentType: "text/html", headers: { "Content-Security-Policy": CSP }, body: hostPage })
    : route.abort());
  await page.exposeFunction("hostCallTool", (params) => hostCallTool(params));
  await page.exposeFunction("hostOpenLink", (url) => { seen.links.push(url); });
  if (clock) await page.clock.install();
  await page.goto(HOST_URL);
  const started = Date.now();
  await page.evaluate(([h, r, a, t, w]) => window.startHost(h, r, a, { theme: t, displayMode: "inline", containerDimensions: { width: w, maxHeight: 4000 } }),
    [html, toolResult, args, theme, width]);
  const frame = await (await page.waitForSelector("iframe")).contentFrame();
  await frame.waitForSelector("body[data-results='1']", { state: "attached", timeout: 15000 })
    .catch((e) => { throw new Error("the view never rendered: " + e.message.split("\n")[0] + " " + seen.errors.join(" | ")); });
  return { page, frame, seen, ms: Date.now() - started };
}

const text = async (frame, selector) => (await frame.locator(selector).innerText()).trim();
const visible = async (frame, selector) => frame.locator(selector).isVisible();
const data = async (frame, key) => frame.evaluate((k) => document.body.dataset[k], key);
const results = (frame, n) => frame.waitForSelector(`body[data-results='${n}']`, { state: "attached", timeout: 15000 });
// The view's own formatting, restated: what a person must read for the structured content's numbers.
const money = (v) => "$" + v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const utc = (iso) => new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC";
/** Hides or shows the view's document as a host does when the chat scrolls it away or the tab goes to the background. */
const setVisibility = (frame, state) => frame.evaluate((s) => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => s === "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}, state);

/** Progress, ETA and cost as a person reads them, against the result they came from. */
async function checkProgress(frame, sc, where) {
  const run = sc.run;
  const track = await frame.locator("#progress-track").boundingBox();
  const bar = await frame.locator("#progress-bar").boundingBox();
  const label = await text(frame, "#progress-pct");
  const shown = Number(/^(\d+) % done$/.exec(label)?.[1]);
  expect(Number.isFinite(shown), where + "progress label: " + label);
  const width = bar ? bar.width : 0;
  expect(Math.abs(width / track.width * 100 - shown) <= 1, where + `the bar is ${width}/${track.width} px wide but reads ${label}`);
  const w = run.wallTime || {};
  const expected = run.run.state === "finished" ? 100 : Math.round(Math.min(1, run.runtimeHours / w.projectedTotalHours) * 100);
  expect(shown === expected, where + `progress ${shown} %, expected ${expected} % from ${run.runtimeHours} h of ${w.projectedTotalHours} h`);
  const eta = await text(frame, "#progress [data-key=eta]");
  if (run.run.state === "running") {
    expect(eta.startsWith("ETA") && eta.includes(" left") && (!w.estimatedCompletion || eta.includes(utc(w.estimatedCompletion))),
      where + "ETA: " + eta + " for " + JSON.stringify(w));
  } else {
    expect(eta.startsWith("Finished") && eta.includes(run.run.state), where + "an ended run's ETA cell: " + eta);
  }
  const cost = run.cost;
  expect(cost && Number.isFinite(cost.soFar) && Number.isFinite(cost.projectedTotal), where + "the fixture carries no cost: " + JSON.stringify(cost));
  expect(cost.projectedTotal >= cost.soFar, where + `projected ${cost.projectedTotal} below so far ${cost.soFar}`);
  const soFar = await text(frame, "#progress [data-key=cost]");
  const projected = await text(frame, "#progress [data-key=projected]");
  expect(soFar.startsWith("Cost so far") && soFar.endsWith(money(cost.soFar)), where + "cost so far: " + soFar + " for " + cost.soFar);
  expect(projected.startsWith("Projected cost") && projected.endsWith(money(cost.projectedTotal)), where + "projected: " + projected + " for " + cost.projectedTotal);
}

/** The baseline's deltas: one row per metric compared at the latest common epoch, sign and better/worse as the result says. */
async function checkBaseline(frame, sc, where) {
  const compared = (sc.baseline?.metrics || []).filter((m) => m.atLatestCommonEpoch);
  expect(compared.length > 0, where + "the fixture has no baseline deltas to show: " + JSON.stringify(sc.baseline));
  expect(await visible(frame, "#baseline-section"), where + "baseline section hidden");
  expect((await text(frame, "#baseline-name")).includes(sc.baseline.baseline.displayName), where + "baseline name");
  const rows = await frame.locator("#baseline tr").evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].map((td) => td.textContent)));
  expect(rows.length === compared.length, where + `baseline rows ${rows.length}, metrics ${compared.length}`);
  compared.forEach((m, i) => {
    const [label, , , delta] = rows[i];
    const at = m.atLatestCommonEpoch;
    expect(label === m.label, where + "baseline row " + i + ": " + label);
    const sign = at.delta > 0 ? "+" : at.delta < 0 ? "-" : "";
    expect(delta.startsWith(sign) && /\d/.test(delta), where + `delta ${delta} for ${at.delta}`);
    const verdict = at.better === true ? " better" : at.better === false ? " worse" : "";
    expect(verdict === "" ? !/better|worse/.test(delta) : delta.endsWith(verdict), where + `delta ${delta}, better=${at.better}`);
  });
}

/** Clicks a link and waits for the host to receive ui/open-link with its URL. */
async function checkLink(frame, seen, name, url, where) {
  expect(typeof url === "string" && /^https?:\/\//.test(url), where + name + " has no URL in the result: " + url);
  const link = frame.locator("#links a", { hasText: name });
  expect(await link.count() === 1, where + "no " + name + " link");
  expect(await link.getAttribute("href") === url, where + name + " link points at " + await link.getAttribute("href"));
  const before = seen.links.length;
  await link.click();
  await until(() => seen.links.length > before, name + " to reach the host as ui/open-link");
  expect(seen.links[before] === url, where + name + " opened " + seen.links[before] + ", expected " + url);
}

try {
  // The detector itself: a view that loads an image from the network must be caught, or the checks below prove nothing.
  {
    const broken = view.replace("<body>", '<body><img src="https://example.com/pixel.png" alt="">');
    const { page, seen } = await open(broken, cases[0].result, { run: cases[0].run }, "light", false);
    const caught = () => seen.requests.length > 0 || seen.errors.some((e) => e.includes("Content Security Policy"));
    await until(caught, "a view that loads from the network to be caught", 5000)
      .catch(() => { throw new Error("a view that loads from the network was not caught: " + JSON.stringify(seen)); });
    await page.close();
  }

  // The view with a counter of every listener it adds, run first in its document: a listener added per render (or per
  // hidden tick) shows as a count above one after the renders below.
  expect(view.split("<head>").length === 2, "the view has no single <head>");
  const counted = view.replace("<head>", "<head><script>(() => { const add = EventTarget.prototype.addEventListener; window.__listeners = {};"
    + " EventTarget.prototype.addEventListener = function (type, ...rest) { if (this === document || this === window) window.__listeners[type] = (window.__listeners[type] || 0) + 1;"
    + " return add.call(this, type, ...rest); }; })();</script>");

  for (const c of cases) {
    const theme = c.theme || "light";
    const { page, frame, seen, ms } = await open(c.refresh ? counted : view, c.result, { run: c.run }, theme, c.refresh || c.staysStill);
    figures.firstRenderMs[c.name] = ms;
    const where = `[${c.name}] `;

    expect(await text(frame, "#run-name") === c.displayName, where + "run name: " + await text(frame, "#run-name"));
    expect((await text(frame, "#verdict-code")).toLowerCase() === c.verdict, where + "verdict: " + await text(frame, "#verdict-code"));
    expect(await frame.locator("#verdict").getAttribute("data-severity") === c.severity, where + "severity");
    expect((await text(frame, "#verdict-summary")).length > 20, where + "verdict summary missing");
    const points = await frame.locator("#loss-svg polyline.raw").getAttribute("points");
    const drawn = points ? points.trim().split(/\s+/).length : 0;
    expect(drawn >= c.minPoints && drawn <= 300, where + `loss curve has ${drawn} points`);
    expect(await frame.locator("#loss-svg polyline.smooth").count() === 1, where + "no smoothed curve");
    expect(await frame.locator("#loss-svg line.epoch").count() >= 1, where + "no epoch boundary");
    expect(await frame.locator("#validation td.yes, #validation td.no").count() > 0, where + "no ✓/✗ in the validation table");
    expect((await text(frame, "#gpu")).includes("NVIDIA H100"), where + "GPU section");
    expect((await text(frame, "#progress")).includes("Epoch"), where + "progress section");
    if (c.errorLine) {
      expect(await visible(frame, "#error-line") && (await text(frame, "#error-line")).includes(c.errorLine), where + "error line: " + await text(frame, "#error-line"));
    } else {
      expect(!await visible(frame, "#error-line"), where + "an error line on a run without one");
    }

    const themed = await frame.evaluate(() => document.documentElement.dataset.theme);
    expect(themed === theme, where + "theme " + themed);
    await checkProgress(frame, c.result.structuredContent, where);
    if (c.baseline) await checkBaseline(frame, c.result.structuredContent, where);

    // The picture of what was just checked, once the host has sized the iframe to the view's height.
    const height = await frame.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
    await page.waitForFunction((h) => document.querySelector("iframe").style.height === h + "px", height, { timeout: 15000 });
    const shot = path.join(dir, c.name + ".png");
    await page.locator("iframe").screenshot({ path: shot });
    figures.screenshots.push(shot);

    if (c.refresh) {
      // Refresh: a tools/call through the host bridge that reaches the server, then a new render.
      const before = calls.length;
      await frame.click("#refresh");
      await results(frame, 2);
      expect(calls.length === before + 1 && calls[before].name === "check_training" && calls[before].arguments.run === c.run,
        where + "Refresh did not call check_training for the run: " + JSON.stringify(calls.slice(before)));
      // A running run refreshes itself after 60 s while visible.
      expect(await data(frame, "live") === "on", where + "no timer armed for a running run");
      await page.clock.runFor(61000);
      await results(frame, 3);
      expect(calls.length === before + 2, where + "no automatic refresh after 60 s");

      // Links go through ui/open-link: the W&B run and the configured Modal dashboard.
      await checkLink(frame, seen, "W&B run", c.result.structuredContent.run.run.url, where);
      await checkLink(frame, seen, "Modal dashboard", c.modalDashboardUrl, where);
      expect(c.result.structuredContent.modalDashboardUrl === c.modalDashboardUrl, where + "the result's dashboard URL: " + c.result.structuredContent.modalDashboardUrl);

      // A failed refresh: the message shows, the last good render stays, the next tick tries again and draws.
      failNext = 1;
      let attempts = Number(await data(frame, "refreshes"));
      await page.clock.runFor(61000);
      await frame.waitForSelector("#notice:not(.hidden)", { timeout: 15000 });
      expect((await text(frame, "#notice")).startsWith("Refresh failed"), where + "failure notice: " + await text(frame, "#notice"));
      expect(Number(await data(frame, "refreshes")) === attempts + 1 && failNext === 0, where + "the failing refresh was not attempted");
      expect(await data(frame, "results") === "3" && await text(frame, "#run-name") === c.displayName
        && await frame.locator("#loss-svg polyline.raw").count() === 1 && await visible(frame, "#progress-section"), where + "a failed refresh lost the last render");
      expect(await data(frame, "live") === "on", where + "a failed refresh stopped the auto refresh");
      await page.clock.runFor(11000); // the message is brief
      await frame.waitForSelector("#notice.hidden", { state: "attached", timeout: 15000 });
      expect(await data(frame, "results") === "3", where + "something drew while waiting out the message");
      // The message has gone; the footer still says the data is older than it looks.
      expect((await text(frame, "#footer")).includes("refreshes failing since"), where + "after a failed refresh, the footer: " + await text(frame, "#footer"));
      await page.clock.runFor(50000);
      await results(frame, 4);
      expect(calls.length === before + 3 && Number(await data(frame, "refreshes")) === attempts + 2, where + "the retry after a failure");
      expect(!(await text(frame, "#footer")).includes("failing"), where + "a good refresh kept the failure mark: " + await text(frame, "#footer"));

      // Hidden: no timer and no tools/call, however long; a Refresh by hand still works but arms nothing.
      await setVisibility(frame, "hidden");
      expect(await data(frame, "live") === "off", where + "a hidden view kept its timer");
      attempts = Number(await data(frame, "refreshes"));
      await page.clock.runFor(3 * 61000);
      expect(Number(await data(frame, "refreshes")) === attempts && calls.length === before + 3, where + "a hidden view refreshed itself");
      await frame.click("#refresh");
      await results(frame, 5);
      expect(await data(frame, "live") === "off", where + "a Refresh by hand armed the timer of a hidden view");
      await page.clock.runFor(2 * 61000);
      expect(Number(await data(frame, "refreshes")) === attempts + 1, where + "a hidden view refreshed itself after a Refresh by hand");
      // Visible again: the refresh that fell due runs once, then one timer as before (no listener piled up per render).
      await setVisibility(frame, "visible");
      await results(frame, 6);
      expect(Number(await data(frame, "refreshes")) === attempts + 2 && await data(frame, "live") === "on", where + "becoming visible again");
      await page.clock.runFor(61000);
      await results(frame, 7);
      expect(Number(await data(frame, "refreshes")) === attempts + 3 && calls.length === before + 6, where + "more than one refresh per tick after hidden/visible: " + (calls.length - before));

      // A tools/call the host never answers: the view gives up after 5 min, says so, keeps its render, and the next
      // tick tries again. Stepped a second at a time, so the brief message is seen while it is up.
      hangNext = 1;
      attempts = Number(await data(frame, "refreshes"));
      const failures = Number(await data(frame, "failures") || 0);
      for (let s = 0; s < 400 && Number(await data(frame, "failures") || 0) === failures; s++) await page.clock.runFor(1000);
      expect(Number(await data(frame, "failures")) === failures + 1 && hangNext === 0 && Number(await data(frame, "refreshes")) === attempts + 1,
        where + "a call the host never answered did not end: " + JSON.stringify({ failures: await data(frame, "failures"), refreshes: await data(frame, "refreshes") }));
      expect((await text(frame, "#notice")).includes("did not answer in 5 min"), where + "hung-call notice: " + await text(frame, "#notice"));
      expect(await data(frame, "results") === "7" && await text(frame, "#run-name") === c.displayName, where + "a hung call lost the last render");
      expect(await data(frame, "live") === "on", where + "a hung call stopped the auto refresh");
      for (let s = 0; s < 70 && await data(frame, "results") === "7"; s++) await page.clock.runFor(1000);
      await results(frame, 8);
      expect(Number(await data(frame, "refreshes")) === attempts + 2 && calls.length === before + 7, where + "the retry after a hung call");

      // The run ends: the next refresh draws it ended, and nothing refreshes after that.
      await endRun(c.run);
      await page.clock.runFor(61000);
      await results(frame, 9);
      expect((await text(frame, "#run-meta")).includes("finished"), where + "the ended run: " + await text(frame, "#run-meta"));
      expect(await data(frame, "live") === "off", where + "an ended run kept its timer");
      attempts = Number(await data(frame, "refreshes"));
      await page.clock.runFor(5 * 61000);
      await setVisibility(frame, "hidden");
      await setVisibility(frame, "visible");
      await page.clock.runFor(2 * 61000);
      expect(Number(await data(frame, "refreshes")) === attempts && calls.length === before + 8, where + "an ended run refreshed itself");
      await checkProgress(frame, lastResult.structuredContent, where + "(ended) ");
      // Nine results drawn, hidden and shown three times: still one listener of each kind on the document and window.
      const listeners = await frame.evaluate(() => window.__listeners);
      expect(listeners.visibilitychange === 1 && listeners.message === 1 && listeners.resize === 1, where + "listeners added again: " + JSON.stringify(listeners));
    }

    if (c.staysStill) {
      // An ended run never polls.
      const before = calls.length;
      expect(await data(frame, "live") === "off", where + "an ended run armed a timer");
      await page.clock.runFor(5 * 61000);
      expect(await data(frame, "refreshes") === undefined && calls.length === before, where + "an ended run refreshed itself");
    }

    if (c.switchTheme) {
      await page.evaluate((t) => window.bridge.setHostContext({ theme: t, displayMode: "inline", containerDimensions: { width: 720, maxHeight: 4000 } }), c.switchTheme);
      await frame.waitForFunction((t) => document.documentElement.dataset.theme === t, c.switchTheme);
    }

    expect(seen.errors.length === 0, where + "errors: " + seen.errors.join(" | "));
    expect(seen.requests.length === 0, where + "the view loaded from the network: " + seen.requests.join(", "));
    await page.close();
  }

  // A phone-narrow host (360 px): everything fits, nothing scrolls sideways, the chart is drawn to the width.
  {
    const c = cases[0];
    const { page, frame, seen } = await open(view, c.result, { run: c.run }, "light", false, 360);
    const fit = await frame.evaluate(() => {
      const root = document.documentElement;
      // Nothing reaches past the frame, and no table needs its sideways scroll for these results (two epochs).
      const over = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5
        || (e.classList.contains("scroll") && e.scrollWidth > e.clientWidth)).map((e) => e.id || e.className || e.tagName);
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, bodyWidth: document.body.scrollWidth, over };
    });
    expect(fit.clientWidth <= 360 && fit.clientWidth >= 300, "[narrow] the iframe is " + fit.clientWidth + " px wide");
    expect(fit.scrollWidth <= fit.clientWidth && fit.bodyWidth <= fit.clientWidth && fit.over.length === 0, "[narrow] horizontal overflow: " + JSON.stringify(fit));
    const chart = await frame.locator("#loss-svg").boundingBox();
    expect(chart && chart.width > 250 && chart.x + chart.width <= (await page.locator("iframe").boundingBox()).x + 360 + 0.5, "[narrow] the chart: " + JSON.stringify(chart));
    await checkProgress(frame, c.result.structuredContent, "[narrow] ");
    await page.locator("iframe").screenshot({ path: path.join(dir, "healthy-narrow.png") });
    expect(seen.errors.length === 0, "[narrow] errors: " + seen.errors.join(" | "));
    await page.close();
  }

  figures.calls = calls.length;
  process.stdout.write("RESULT " + JSON.stringify(figures) + "\n");
} catch (e) {
  process.stdout.write("FAILED " + e.message.replace(/\n/g, " ") + "\n");
  process.exitCode = 1;
} finally {
  await browser.close();
  lines.close();
}
