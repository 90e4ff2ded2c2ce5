// Fails when a package pinned in package-lock.json declares an `engines.node` range that excludes
// Debian 12's Node (18.19 when the release was updated, 18.20 in bookworm-security): the README's
// commands must work with the distribution's own `nodejs`. Run by ctest ("tooling: …").
// Usage: node tools/check-node-engines.mjs [package-lock.json] [VERSION...]
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const semver = createRequire(path.join(repo, "package.json"))("semver");

const [lockPath = path.join(repo, "package-lock.json"), ...asked] = process.argv.slice(2);
const versions = asked.length ? asked : ["18.19.0", "18.20.4"];
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));

const refused = [];
for (const [where, pkg] of Object.entries(lock.packages ?? {})) {
  const range = pkg.engines?.node;
  if (!range) continue;
  const name = where === "" ? lock.name : where.replace(/^.*node_modules\//, "");
  const excluded = versions.filter((v) => !semver.satisfies(v, range));
  if (excluded.length) refused.push(`${name}@${pkg.version ?? ""} : engines.node « ${range} » exclut Node ${excluded.join(", ")}`);
}
if (refused.length) {
  console.error(`${lockPath} : ${refused.length} paquet(s) incompatible(s) avec le Node de Debian 12`);
  for (const r of refused) console.error("  " + r);
  console.error("Épinglez une version qui accepte Node 18 (npm view PAQUET@VERSION engines).");
  process.exit(1);
}
console.log(`${Object.keys(lock.packages ?? {}).length} paquets épinglés : tous acceptent Node ${versions.join(" et ")}`);
