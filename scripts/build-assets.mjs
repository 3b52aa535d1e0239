// Copies the front-end packages from node_modules into the package's static folder,
// so the app serves them itself: no CDN at run time. The map's module is bundled with
// sigma and graphology into one script.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "src", "netkort", "web", "static", "vendor");
mkdirSync(vendor, { recursive: true });

const files = [["node_modules/@picocss/pico/css/pico.min.css", "pico.min.css"]];
for (const [from, to] of files) {
  copyFileSync(join(root, from), join(vendor, to));
  console.log(`assets: ${to}`);
}

// One self-contained script (no eval, no workers): it runs under the strict CSP.
const { build } = await import("esbuild");
await build({
  entryPoints: [join(root, "src", "netkort", "web", "assets", "map.js")],
  outfile: join(vendor, "netkort-map.js"),
  bundle: true,
  format: "iife",
  minify: true,
  target: ["es2020"],
  legalComments: "linked",
  logLevel: "warning",
});
console.log("assets: netkort-map.js");
