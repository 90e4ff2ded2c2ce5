// Shared by the Chromium end-to-end tests of the write side (contribution-pages.test.mjs,
// course-pages.test.mjs): a headless browser, a logged-in person of a new account (made with
// `pratiques utilisateur ajouter`, activated through its link), and the checks every new page
// passes: axe-core reports no violation, and nothing scrolls horizontally at 320 px, where no word
// of a table is split letter by letter.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { axeViolations, chromiumPath } from "./server.mjs";

export async function newBrowser(chromium) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

// The activation link of a new account of the server at `url` whose database is in `data`.
function newAccount(cli, data, url, email, role) {
  const out = execFileSync(cli, ["utilisateur", "ajouter", "--courriel", email, "--role", role, "--nom", email.split("@")[0],
    "--donnees", data, "--url", url], { encoding: "utf8" });
  return out.match(/^(http\S+\/activation\?jeton=\S+)$/m)[1].replace("http://localhost", "http://127.0.0.1");
}

// {page, problems}: a logged-in page of a new account; `problems` collects the page's script errors.
export async function person(browser, { cli, data, url }, email, role, javaScriptEnabled = true) {
  const link = newAccount(cli, data, url, email, role);
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(link);
  await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe solide");
  await page.getByLabel("Confirmation du mot de passe").fill("une phrase de passe solide");
  await page.getByRole("button", { name: "Activer le compte" }).click();
  await page.waitForURL(/\/compte\?active=1$/);
  return { page, problems };
}

// axe-core: zero violation; and at 320 px, no horizontal scroll (both need JavaScript in the page).
export async function checkPage(page, axeSource, label) {
  const summary = await axeViolations(page, axeSource);
  assert.deepEqual(summary, [], `violations sur ${label} :\n${summary.join("\n")}`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label} défile horizontalement à 320 px (${overflow} px de trop)`);
  const split = await splitWords(page);
  assert.deepEqual(split, [], `${label} : mots de tableau coupés lettre à lettre à 320 px`);
  await page.setViewportSize(size);
}

// The words (4 letters or more) of the tables of `page` whose letters are on two lines or more
// (« Ch/a/m/p »): a table too wide for the screen scrolls in its container, its words stay whole.
export function splitWords(page) {
  return page.evaluate(() => {
    const out = [];
    for (const cell of document.querySelectorAll("main table :is(th, td, caption)")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement.getClientRects().length || n.parentElement.closest(".vh")) continue;
        for (const m of n.data.matchAll(/[A-Za-zÀ-ÿ']{4,}/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          if (new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size > 1) out.push(m[0]);
        }
      }
    }
    return [...new Set(out)];
  });
}
