// Internal link checker for a built site: every href/src of every page (and every <loc> of the
// sitemap) must name a file of the site, and every #fragment an id of the target page.
import fs from "node:fs";
import path from "node:path";

import { siteFiles } from "./site.mjs";

const decode = (s) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n));

export function idsOf(html) {
  const ids = new Set();
  for (const m of html.matchAll(/\sid="([^"]*)"/g)) ids.add(decode(m[1]));
  return ids;
}

// The file a URL path designates: "/a/" → "a/index.html"; null when nothing is served there.
export function fileFor(root, urlPath) {
  let p = decodeURIComponent(urlPath).replace(/^\/+/, "");
  if (p === "" || p.endsWith("/")) p += "index.html";
  const full = path.join(root, p);
  if (fs.existsSync(full) && fs.statSync(full).isFile()) return p;
  if (fs.existsSync(full) && fs.statSync(full).isDirectory() && fs.existsSync(path.join(full, "index.html"))) return p + "/index.html";
  return null;
}

export function checkLinks(root, baseUrl) {
  const pages = siteFiles(root, ".html");
  const idCache = new Map();
  const ids = (file) => {
    if (!idCache.has(file)) idCache.set(file, idsOf(fs.readFileSync(path.join(root, file), "utf8")));
    return idCache.get(file);
  };
  const problems = [];
  let checked = 0;
  const check = (from, raw) => {
    let url = decode(raw);
    if (baseUrl && url.startsWith(baseUrl + "/")) url = url.slice(baseUrl.length);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) return;  // external
    const pageUrl = "/" + from.replace(/index\.html$/, "");
    const resolved = new URL(url, "http://site" + pageUrl);
    // The search server's pages (another program): search, and the write side's pages (a sheet's
    // "Ajouter à un parcours" link, /fiches/<id>/parcours, is the server's redirection).
    if (/^\/(recherche|connexion|compte|gestion\/|contribuer\/nouvelle|contributions\/.*|parcours\/(ajouter|nouveau)|fiches\/[a-z0-9-]+\/parcours)$/.test(resolved.pathname)) return;
    const target = resolved.pathname === new URL("http://site" + pageUrl).pathname && url.startsWith("#")
      ? from : fileFor(root, resolved.pathname);
    checked++;
    if (!target) {
      problems.push(`${from} : lien cassé ${raw}`);
      return;
    }
    const fragment = decodeURIComponent(resolved.hash.slice(1));
    if (fragment && target.endsWith(".html") && !ids(target).has(fragment)) problems.push(`${from} : ancre absente ${raw}`);
  };
  for (const page of pages) {
    const html = fs.readFileSync(path.join(root, page), "utf8");
    for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) check(page, m[1]);
    const dup = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]).filter((id, i, all) => all.indexOf(id) !== i);
    if (dup.length) problems.push(`${page} : identifiants en double ${[...new Set(dup)].join(", ")}`);
  }
  // The sitemap index, then each sitemap it names (sitemap-1.xml…).
  for (const name of ["sitemap.xml", ...fs.readdirSync(root).filter((f) => /^sitemap-\d+\.xml$/.test(f))]) {
    const sitemap = fs.readFileSync(path.join(root, name), "utf8");
    for (const m of sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)) check(name, m[1]);
  }
  const feed = fs.readFileSync(path.join(root, "feed.xml"), "utf8");
  for (const m of feed.matchAll(/<link rel="alternate" type="text\/html" href="([^"]*)"/g)) check("feed.xml", m[1]);
  return { pages: pages.length, checked, problems };
}
