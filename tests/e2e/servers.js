// Real nginx and Caddy (Debian packages, installed by scripts/setup.sh) in front of a
// sandbox, each from the repository's own configuration in deploy/, on a free loopback
// port with a temporary directory. What the browser tests of static hosting run against.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The build for the root, and the one for `/rentdesk/` (scripts/test.sh builds both). */
export const DIST = { "/": path.join(root, "dist"), "/rentdesk/": path.join(root, "dist-subpath") };

/** A loopback port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, log) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not listen on ${port}: ${log()}`);
}

function run(command, args, options, port, dir) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return waitForPort(port, child, () => out).then(
    () => ({ stop, log: () => out }),
    async (e) => {
      await stop();
      throw e;
    },
  );
}

/** nginx with deploy/nginx.conf, the app at `base`, the API forwarded to `upstream`. */
export async function startNginx({ base, upstream }) {
  const dir = mkdtempSync(path.join(tmpdir(), "rentdesk-nginx-"));
  const port = await freePort();
  // The configuration serves ROOT + BASE: under a sub-path the build goes in a folder.
  let docroot = DIST[base];
  if (base !== "/") {
    docroot = path.join(dir, "site");
    mkdirSync(docroot);
    symlinkSync(DIST[base], path.join(docroot, base.replace(/\//g, "")));
  }
  const values = {
    RENTDESK_LISTEN: `127.0.0.1:${port}`,
    RENTDESK_ROOT: docroot,
    RENTDESK_BASE: base,
    RENTDESK_UPSTREAM: upstream,
    RENTDESK_REPLAY_CACHE: path.join(dir, "replay"),
  };
  const server = readFileSync(path.join(root, "deploy/nginx.conf"), "utf8").replace(
    /\$\{(RENTDESK_[A-Z_]+)\}/g,
    (_, name) => values[name],
  );
  writeFileSync(path.join(dir, "rentdesk.conf"), server);
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/rentdesk.conf;
}
`,
  );
  const running = await run("nginx", ["-p", dir, "-e", `${dir}/error.log`, "-c", `${dir}/nginx.conf`], {}, port, dir);
  return { origin: `http://127.0.0.1:${port}`, base: `http://127.0.0.1:${port}${base}`, ...running };
}

/** Caddy with deploy/Caddyfile (its values from the environment), the app at `base`. */
export async function startCaddy({ base, upstream }) {
  const dir = mkdtempSync(path.join(tmpdir(), "rentdesk-caddy-"));
  const port = await freePort();
  // Tests only: no admin endpoint (a fixed port) and nothing saved in the home directory.
  const global = "{\n\tadmin off\n}\n\n";
  writeFileSync(path.join(dir, "Caddyfile"), global + readFileSync(path.join(root, "deploy/Caddyfile"), "utf8"));
  const env = {
    ...process.env,
    HOME: dir,
    XDG_DATA_HOME: dir,
    XDG_CONFIG_HOME: dir,
    RENTDESK_ADDRESS: `http://127.0.0.1:${port}`,
    RENTDESK_DIST: DIST[base],
    RENTDESK_BASE: base,
    RENTDESK_UPSTREAM: upstream,
  };
  const running = await run(
    "caddy",
    ["run", "--config", path.join(dir, "Caddyfile"), "--adapter", "caddyfile"],
    { env },
    port,
    dir,
  );
  return { origin: `http://127.0.0.1:${port}`, base: `http://127.0.0.1:${port}${base}`, ...running };
}
