// Copies the front-end packages from node_modules into the package's static folder,
// so the app serves them itself: no CDN at run time.
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
