// Shared by the Chromium end-to-end tests of `pratiques serve` (server.test.mjs, write-pages.test.mjs,
// contribution-pages.test.mjs):
// the binary, Chromium, playwright-core and axe-core — the test is skipped (exit 77) when one is
// missing, unless CI is set: then it fails — and the real server started on a free loopback port.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";

export const repo = process.env.PRATIQUES_SOURCE_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// {cli, chromium, axeSource}, or the process ends (77, or an error under CI). `label` names the test.
export function prerequisites(label) {
  const inCI = /^(1|true|yes)$/i.test(process.env.CI ?? "");
  const missing = (reason) => {
    if (inCI) throw new Error(`${label} : ${reason} (CI : jamais ignoré)`);
    console.log(`${label} ignoré : ${reason}`);
    process.exit(77);
  };
  const cli = [process.env.PRATIQUES_CLI, "build-tests/pratiques", "build/pratiques", "build-server/pratiques"]
    .filter(Boolean).map((p) => path.resolve(repo, p)).find((p) => fs.existsSync(p));
  if (!cli) missing("binaire pratiques introuvable (PRATIQUES_CLI)");
  if (!fs.existsSync(chromiumPath)) missing(`Chromium absent (${chromiumPath}) : apt-get install chromium`);
  const require = createRequire(path.join(repo, "package.json"));
  try {
    return { cli, chromium: require("playwright-core").chromium, axeSource: fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") };
  } catch (e) {
    return missing("playwright-core ou axe-core absents (npm ci) : " + e.message);
  }
}

// `pratiques serve ARGS --port 0`; resolves to {child, url} once it prints its address.
export async function startServer(cli, args) {
  const child = spawn(cli, ["serve", ...args, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  let timer;
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/localhost:(\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on("exit", (code) => reject(new Error(`pratiques serve terminé (${code}) : ${out}`)));
    timer = setTimeout(() => reject(new Error("pratiques serve ne répond pas")), 30000);
  }).finally(() => clearTimeout(timer));  // a pending timer kept each test file alive 30 s after its last test
  return { child, url };
}

// The write side's server on a copy of the fixture corpus in `work` (content/, index/, public/, and
// the database in `data`): publication writes in the copy.
export async function startWriteServer(cli, work, data) {
  const content = path.join(work, "content");
  fs.cpSync(path.join(repo, "tests/fixtures/corpus"), content, { recursive: true });
  const index = path.join(work, "index");
  execFileSync(cli, ["index", "--content", content, "--schemas", path.join(repo, "schemas"), "--out", index], { stdio: "pipe" });
  execFileSync(cli, ["build", "--index", index, "--out", path.join(work, "public")], { stdio: "pipe" });
  return startServer(cli, ["--index", index, "--site", path.join(work, "public"), "--donnees", data, "--contenu", content,
    "--schemas", path.join(repo, "schemas")]);
}

// The server of a test file: started by `start()` (resolving to {child, url}) before its tests,
// stopped (SIGTERM) after them, and `work` removed. Returns the object that gets {child, url}.
export function serverDuringTests(start, work) {
  const running = {};
  before(async () => Object.assign(running, await start()));
  after(async () => {
    if (running.child) {
      running.child.kill("SIGTERM");
      await new Promise((r) => running.child.on("exit", r));
    }
    fs.rmSync(work, { recursive: true, force: true });
  });
  return running;
}

// axe-core's violations on the page, one line each (evaluated through the DevTools protocol: the
// page's Content-Security-Policy stays untouched); asserts axe checked something.
export async function axeViolations(page, axeSource) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document));
  if (result.passes.length <= 10) throw new Error("axe n'a presque rien vérifié");
  return result.violations.map((v) => `${v.id} (${v.impact}) : ${v.help}\n  ` + v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n  "));
}
