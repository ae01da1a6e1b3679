// One click, one charge behind nginx: deploy/nginx.conf answers a repeated paid URI
// (same key, same rid) from its short-lived cache, so the live API — which ignores rid —
// is reached once. The upstream here counts what reaches it, since the sandbox would
// itself answer a repeated id from memory and hide what nginx does.
import { test, expect } from "@playwright/test";
import http from "node:http";
import { startNginx } from "../servers.js";

/** An API that counts each request URI and answers a new id for every call it serves. */
function countingUpstream() {
  const hits = new Map();
  let served = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://upstream");
    hits.set(url.search, (hits.get(url.search) || 0) + 1);
    const answer = () => {
      if (url.searchParams.get("fail") === "502") {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><body>Bad Gateway</body></html>");
        return;
      }
      served += 1;
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store", "set-cookie": "s=1" });
      res.end(JSON.stringify({ status: 1, data: { id: 40000 + served } }));
    };
    // A slow paid call: a repeat arrives while the first is still under way.
    setTimeout(answer, Number(url.searchParams.get("slow") || 0));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        base: `http://127.0.0.1:${server.address().port}`,
        hits: (query) => hits.get(`?${new URLSearchParams(query)}`) || 0,
        close: () => new Promise((r) => server.close(r)),
      }),
    );
  });
}

let upstream;
let nginx;
test.beforeEach(async () => {
  upstream = await countingUpstream();
  nginx = await startNginx({ base: "/", upstream: upstream.base });
});
test.afterEach(async () => {
  await nginx?.stop();
  await upstream?.close();
});

const call = async (query) => {
  const response = await fetch(`${nginx.origin}/api/rent.php?${new URLSearchParams(query)}`);
  return { status: response.status, body: await response.text() };
};
const paid = (extra) => ({ method: "prolong", apikey: "k1", id: "40300", dtype: "week", dcount: "1", ...extra });

test("a repeated paid call with the same request id reaches the API once and gets the first answer", async () => {
  const query = paid({ rid: "prolong-40300-1764000000-week1" });
  const first = await call(query);
  const again = await call(query);
  expect(first.status).toBe(200);
  expect(again).toEqual(first);
  expect(upstream.hits(query)).toBe(1);

  for (const method of ["create", "create_multi", "prolong_max", "add_service_to_order", "restore_user"]) {
    const other = { method, apikey: "k1", id: "7", rid: `r-${method}` };
    const a = await call(other);
    const b = await call(other);
    expect(b, method).toEqual(a);
    expect(upstream.hits(other), method).toBe(1);
  }
});

test("two tabs sending the same id at once: the second waits for the first's answer", async () => {
  const query = paid({ rid: "same-click", slow: "800" });
  const [a, b] = await Promise.all([call(query), call(query)]);
  expect(b).toEqual(a);
  expect(upstream.hits(query)).toBe(1);
});

test("reads, calls without an id, another key and failed answers are never replayed", async () => {
  const noId = paid({});
  await call(noId);
  await call(noId);
  expect(upstream.hits(noId), "a paid call without rid").toBe(2);

  const read = { method: "orders", apikey: "k1", rid: "not-for-reads" };
  const r1 = await call(read);
  const r2 = await call(read);
  expect(upstream.hits(read), "a read, even with an id").toBe(2);
  expect(r2.body).not.toEqual(r1.body);

  const otherKey = paid({ apikey: "k2", rid: "prolong-40300-1764000000-week1" });
  await call(paid({ rid: "prolong-40300-1764000000-week1" }));
  await call(otherKey);
  expect(upstream.hits(otherKey), "the same id under another key").toBe(1);

  const failing = paid({ rid: "r-502", fail: "502" });
  expect((await call(failing)).status).toBe(502);
  expect((await call(failing)).status).toBe(502);
  expect(upstream.hits(failing), "an error page is not kept").toBe(2);
});
