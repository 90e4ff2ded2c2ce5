// Shared by the site's end-to-end tests: builds a site from a fixture with the real `pratiques`
// binary, serves it with a tiny static server (node:http, no dependency) on 127.0.0.1, and
// launches headless Chromium through playwright-core. Under CI (CI=true) nothing is ever skipped:
// a missing binary or browser fails the test; elsewhere a skipped test makes the file exit with 77.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const inCI = /^(1|true|yes)$/i.test(process.env.CI ?? "");

export function binary() {
  const candidates = [process.env.PRATIQUES_BIN, "build-tests/pratiques", "build/pratiques", "build-site/pratiques"]
    .filter(Boolean)
    .map((p) => path.resolve(repo, p));
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`binaire pratiques introuvable (PRATIQUES_BIN ; essayé : ${candidates.join(", ")})`);
  return found;
}

export const contentTypes = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
  ".bib": "application/x-bibtex; charset=utf-8", ".ris": "application/x-research-info-systems; charset=utf-8",
};

// Static server: /a/b/ → a/b/index.html, /a/b → 301 /a/b/ when it is a directory, else 404.html.
export function serve(root) {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(root, pathname);
    if (!file.startsWith(root + path.sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    let target = file;
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { Location: pathname + "/" }).end();
        return;
      }
      target = path.join(target, "index.html");
    }
    if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
      res.writeHead(404, { "Content-Type": contentTypes[".html"] });
      res.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    res.writeHead(200, { "Content-Type": contentTypes[path.extname(target)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(target));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ server, url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// Indexes `content` and builds its site into a fresh temporary directory.
// `buildArgs`: more options of `pratiques build` ("--fiches-par-page", "2").
export function buildSite({ content = "tests/site/fixtures/content", baseUrl = "http://localhost:8080", name = "site", buildArgs = [] } = {}) {
  const bin = binary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pratiques-e2e-${name}-`));
  const run = (args) => execFileSync(bin, args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  run(["index", "--content", content, "--schemas", "schemas", "--out", path.join(dir, "index"), "--keep-going"]);
  run(["build", "--index", path.join(dir, "index"), "--out", path.join(dir, "site"), "--base-url", baseUrl, ...buildArgs]);
  return { dir, root: path.join(dir, "site"), baseUrl, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Every file of a built site, relative paths with "/".
export function siteFiles(root, ext) {
  return fs.readdirSync(root, { recursive: true })
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => (!ext || f.endsWith(ext)) && fs.statSync(path.join(root, f)).isFile());
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// A test that cannot run: under CI it fails; elsewhere it is skipped, and the file exits with 77 so
// that ctest (SKIP_RETURN_CODE 77) shows it as skipped, never as passed.
export function cannotRun(t, reason) {
  if (inCI) throw new Error(`${reason} (CI=${process.env.CI} : jamais ignoré)`);
  t.skip(reason);
  process.exitCode = 77;  // node:test sets 1 instead if any test fails
}

// Headless Chromium with a fresh profile; returns null (test skipped) only outside CI.
export async function launchBrowser(t) {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    cannotRun(t, "playwright-core absent (npm ci) : " + e.message);
    return null;
  }
  if (!fs.existsSync(chromiumPath)) {
    cannotRun(t, `Chromium absent (${chromiumPath}) : apt-get install chromium`);
    return null;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "pratiques-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
