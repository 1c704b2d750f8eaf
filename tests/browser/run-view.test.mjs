// Renders ui://check-training/run in headless Chromium inside a host page that runs the official MCP Apps host bridge
// (AppBridge + PostMessageTransport from @modelcontextprotocol/ext-apps, bundled here with esbuild), under a strict CSP:
//   default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'
// Started by tests/CheckTraining.Mcp.Tests/View/RunViewBrowserTests.cs, which owns the real server: it writes the view
// (from resources/read) and real check_training results to <dir>, and answers this script's tool calls, one line each:
//   stdout "CALL <params json>"  ->  stdin "<CallToolResult json>"
// Prints "RESULT <json>" with the figures and exits non-zero on the first broken expectation.
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
function callServer(params) {
  calls.push(params);
  return new Promise((resolve) => {
    waiting.push((line) => resolve(JSON.parse(line)));
    process.stdout.write("CALL " + JSON.stringify(params) + "\n");
  });
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
async function open(html, toolResult, args, theme, clock) {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const seen = { errors: [], requests: [], links: [] };
  page.on("pageerror", (e) => seen.errors.push("page error: " + e.message));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") seen.errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on("request", (r) => { if (r.url() !== HOST_URL) seen.requests.push(r.url()); });
  await page.route("**/*", (route) => route.request().url() === HOST_URL
    ? route.fulfill({ status: 200, contentType: "text/html", headers: { "Content-Security-Policy": CSP }, body: hostPage })
    : route.abort());
  await page.exposeFunction("hostCallTool", (params) => callServer(params));
  await page.exposeFunction("hostOpenLink", (url) => { seen.links.push(url); });
  if (clock) await page.clock.install();
  await page.goto(HOST_URL);
  const started = Date.now();
  await page.evaluate(([h, r, a, t]) => window.startHost(h, r, a, { theme: t, displayMode: "inline", containerDimensions: { width: 720, maxHeight: 4000 } }),
    [html, toolResult, args, theme]);
  const frame = await (await page.waitForSelector("iframe")).contentFrame();
  await frame.waitForSelector("body[data-results='1']", { state: "attached", timeout: 15000 })
    .catch((e) => { throw new Error("the view never rendered: " + e.message.split("\n")[0] + " " + seen.errors.join(" | ")); });
  return { page, frame, seen, ms: Date.now() - started };
}

const text = async (frame, selector) => (await frame.locator(selector).innerText()).trim();
const visible = async (frame, selector) => frame.locator(selector).isVisible();

try {
  // The detector itself: a view that loads an image from the network must be caught, or the checks below prove nothing.
  {
    const broken = view.replace("<body>", '<body><img src="https://example.com/pixel.png" alt="">');
    const { page, seen } = await open(broken, cases[0].result, { run: cases[0].run }, "light", false);
    await page.waitForTimeout(300);
    expect(seen.requests.length > 0 || seen.errors.some((e) => e.includes("Content Security Policy")),
      "a view that loads from the network was not caught: " + JSON.stringify(seen));
    await page.close();
  }

  for (const c of cases) {
    const theme = c.theme || "light";
    const { page, frame, seen, ms } = await open(view, c.result, { run: c.run }, theme, c.refresh || c.staysStill);
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

    if (c.refresh) {
      // Refresh: a tools/call through the host bridge that reaches the server, then a new render.
      const before = calls.length;
      await frame.click("#refresh");
      await frame.waitForSelector("body[data-results='2']", { state: "attached", timeout: 15000 });
      expect(calls.length === before + 1 && calls[before].name === "check_training" && calls[before].arguments.run === c.run,
        where + "Refresh did not call check_training for the run: " + JSON.stringify(calls.slice(before)));
      // A running run refreshes itself after 60 s while visible.
      await page.clock.runFor(61000);
      await frame.waitForSelector("body[data-results='3']", { state: "attached", timeout: 15000 });
      expect(calls.length === before + 2, where + "no automatic refresh after 60 s");
      // Links go through ui/open-link.
      await frame.click("#links a");
      await page.waitForTimeout(200);
      expect(seen.links.includes(c.result.structuredContent.run.run.url), where + "W&B link did not go through ui/open-link: " + JSON.stringify(seen.links));
    }

    if (c.staysStill) {
      // An ended run never polls.
      const before = calls.length;
      await page.clock.runFor(5 * 61000);
      await page.waitForTimeout(200);
      expect(calls.length === before, where + "an ended run refreshed itself");
    }

    if (c.switchTheme) {
      await page.evaluate((t) => window.bridge.setHostContext({ theme: t, displayMode: "inline", containerDimensions: { width: 720, maxHeight: 4000 } }), c.switchTheme);
      await frame.waitForFunction((t) => document.documentElement.dataset.theme === t, c.switchTheme);
    }

    await page.waitForTimeout(100); // the size-changed notification resizes the iframe
    const shot = path.join(dir, c.name + ".png");
    await page.locator("iframe").screenshot({ path: shot });
    figures.screenshots.push(shot);
    expect(seen.errors.length === 0, where + "errors: " + seen.errors.join(" | "));
    expect(seen.requests.length === 0, where + "the view loaded from the network: " + seen.requests.join(", "));
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
