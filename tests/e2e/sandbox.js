// Starts rentdesk-sandbox on a free loopback port with a fresh database, serving the
// built app, with the admin interface on; one per test.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const binary =
  process.env.SANDBOX_BIN || path.join(root, "target/debug/rentdesk-sandbox");
export const DEMO_KEY = "e2e-demo-key";

function launch(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}${err}`)), 15_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/[0-9.:]+)/);
      if (match && out.includes("demo API key")) {
        clearTimeout(timer);
        resolve({ child, base: match[1] });
      }
    });
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}: ${out}${err}`));
    });
  });
}

/** A running sandbox: its address, the demo key, admin calls, stop and restart.
 * `dist`: another built app to serve (default: the repository's dist/). */
export async function startSandbox(extraArgs = [], { dist = path.join(root, "dist") } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "rentdesk-e2e-"));
  const db = path.join(dir, "sandbox.db");
  const common = [
    "--db", db,
    "--dist", dist,
    "--admin",
    "--demo-key", DEMO_KEY,
    "--demo-sms-every", "0",
    "--queue-secs", "600",
    "--active-secs", "1200",
    ...extraArgs,
  ];
  let { child, base } = await launch(["--listen", "127.0.0.1:0", ...common]);
  const port = new URL(base).port;
  const sandbox = {
    base,
    key: DEMO_KEY,
    /** POSTs to an admin endpoint; the JSON answer (throws on a non-2xx). */
    async admin(endpoint, body) {
      const response = await fetch(`${base}/admin/${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = await response.json();
      if (!response.ok) throw new Error(`${endpoint}: ${JSON.stringify(json)}`);
      return json;
    },
    /** Calls rent.php directly, as a second client would. */
    async api(params) {
      const query = new URLSearchParams(params).toString();
      return (await fetch(`${base}/api/rent.php?${query}`)).json();
    },
    async balance(key = DEMO_KEY) {
      const text = await (await fetch(`${base}/stubs/handler_api.php?api_key=${key}&action=getBalance`)).text();
      return text.replace("ACCESS_BALANCE:", "");
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGINT");
        await exited;
      }
    },
    /** Starts again on the same port with the same database. */
    async restart() {
      ({ child } = await launch(["--listen", `127.0.0.1:${port}`, ...common]));
    },
    async dispose() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sandbox;
}
