// End to end, in headless Chromium, against the real `pratiques serve`: the account pages of the
// write side (issue 10) — activation from the link that `pratiques utilisateur ajouter` prints,
// logout, login, a wrong password — with and without JavaScript, and axe-core on every page (zero
// violation, and no Content-Security-Policy violation; axe needs JavaScript: the run with it checks).
// Run: node tests/e2e/write-pages.test.mjs (registered by tests/server/CMakeLists.txt).
// Exit code 77 (skipped) when Chromium or node_modules are missing, unless CI is set: then it fails.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { axeViolations, chromiumPath, prerequisites, repo, serverDuringTests, startWriteServer } from "./lib/server.mjs";

const { cli, chromium, axeSource } = prerequisites("e2e comptes");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pratiques-e2e-comptes-"));
const data = path.join(work, "var");

const startServer = () => startWriteServer(cli, work, data);

// A new account, through the command of the README; returns its activation link.
function newAccount(email, role) {
  const out = execFileSync(cli, ["utilisateur", "ajouter", "--courriel", email, "--role", role, "--nom", "Camille Essai",
    "--donnees", data, "--url", running.url], { encoding: "utf8" });
  const link = out.match(/^(http\S+\/activation\?jeton=\S+)$/m);
  assert.ok(link, out);
  return link[1];
}

async function newContext(options = {}) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { browser, context, page, problems };
}

async function axeClean(page, label, javaScriptEnabled) {
  if (!javaScriptEnabled) return;  // axe runs in the page: checked by the run with JavaScript, on the same pages
  const summary = await axeViolations(page, axeSource);
  assert.deepEqual(summary, [], `violations sur ${label} :\n${summary.join("\n")}`);
}

const running = serverDuringTests(startServer, work);

for (const javaScriptEnabled of [true, false]) {
  const label = javaScriptEnabled ? "avec JavaScript" : "sans JavaScript";
  test(`${label} : activation, déconnexion, mauvais mot de passe, connexion, axe-core sur chaque page`, async () => {
    const email = `camille.${javaScriptEnabled ? "js" : "sansjs"}@exemple.fr`;
    const link = newAccount(email, "documentaliste");
    const { browser, page, problems } = await newContext({ javaScriptEnabled });
    const cspViolations = [];
    try {
      if (javaScriptEnabled) {
        await page.exposeFunction("cspViolation", (v) => cspViolations.push(v));
        await page.addInitScript(() => document.addEventListener("securitypolicyviolation",
          (e) => window.cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
      }
      // Activation: choose a password.
      await page.goto(link.replace("http://localhost", "http://127.0.0.1"));
      assert.equal(await page.locator("h1").textContent(), "Activer votre compte");
      assert.ok((await page.locator("main").textContent()).includes(email));
      await axeClean(page, "activation", javaScriptEnabled);
      await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe solide");
      await page.getByLabel("Confirmation du mot de passe").fill("une phrase de passe solide");
      await page.getByRole("button", { name: "Activer le compte" }).click();
      await page.waitForURL(/\/compte\?active=1$/);
      assert.ok((await page.locator(".succes").textContent()).includes("Votre compte est activé"));
      assert.equal(await page.locator("dd").nth(2).textContent(), "Documentaliste");
      await axeClean(page, "compte", javaScriptEnabled);
      const cookies = await page.context().cookies();
      const session = cookies.find((c) => c.name === "__Host-pratiques");
      assert.ok(session, "cookie de session absent");
      assert.equal(session.httpOnly, true);
      assert.equal(session.secure, true);
      assert.equal(session.sameSite, "Lax");
      // The password page, then logout from the account page.
      await page.getByRole("link", { name: "Changer de mot de passe" }).click();
      await page.waitForURL(/\/compte\/mot-de-passe$/);
      await axeClean(page, "mot de passe", javaScriptEnabled);
      await page.goto(`${running.url}/deconnexion`);
      await axeClean(page, "déconnexion", javaScriptEnabled);
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL(/\/connexion\?deconnecte=1$/);
      assert.equal(await page.locator(".succes").textContent(), "Vous êtes déconnecté.");
      await axeClean(page, "connexion", javaScriptEnabled);
      // A wrong password: a clear message, the address kept.
      await page.getByLabel("Adresse électronique").fill(email);
      await page.getByLabel("Mot de passe").fill("pas la bonne phrase");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.locator(".erreur").waitFor();
      assert.equal(await page.locator(".erreur").textContent(), "Adresse électronique ou mot de passe incorrect.");
      assert.equal(await page.getByLabel("Adresse électronique").inputValue(), email);
      await axeClean(page, "connexion refusée", javaScriptEnabled);
      // Login.
      await page.getByLabel("Mot de passe").fill("une phrase de passe solide");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL(/\/compte$/);
      assert.equal(await page.locator("h1").textContent(), "Mon compte");
      // Logout straight from the account page's button.
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL(/\/connexion\?deconnecte=1$/);
      await page.goto(`${running.url}/compte`);
      await page.waitForURL(/\/connexion\?suite=/);
      assert.deepEqual(cspViolations, [], "violations de la Content-Security-Policy");
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
}
