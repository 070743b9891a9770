// The offline reading worker (README, "Offline reading"), served as /sw.js by portal.views.offline.
// It keeps only what the server marks "X-Offline: allow" (pages and files of a logged-in reader)
// plus the site's own static files. Pages are asked from the network first: offline copies are
// used only when the network fails, and a page the server no longer gives is deleted.
"use strict";

const PAGES = "offline-pages-v1"; // internal pages and files; emptied on logout
const ASSETS = "offline-assets-v1"; // styles, scripts, fonts, icons (settings.STATIC_URL)
const QUEUE = "offline-queue-v1"; // "Đã đọc" pressed without a network
const STATIC_URL = "/static/";
const GONE = [401, 403, 404, 410];
let generation = 0; // one more at each wipe: an answer asked for before it is not kept
let latest = new Set(); // the URLs of the last list the server gave

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  const ours = [PAGES, ASSETS, QUEUE];
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => !ours.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === self.location.pathname) return;
  if (request.method === "GET") event.respondWith(networkFirst(request));
  else if (request.method === "POST" && request.headers.has("X-Offline-Queue")) {
    event.respondWith(sendOrQueue(request));
  }
});

self.addEventListener("message", (event) => {
  const { type, list } = event.data || {};
  if (type === "sync") event.waitUntil(sync(list));
  if (type === "clear") event.waitUntil(clearAll());
});

self.addEventListener("sync", (event) => event.waitUntil(flush())); // Background Sync, where known

function clearAll() {
  generation += 1;
  return caches.keys().then((names) => Promise.all(names.map((n) => caches.delete(n))));
}

function withdrawn(response) {
  // A redirect here is to the login page: the session ended or the address moved.
  return response.type === "opaqueredirect" || response.redirected || GONE.includes(response.status);
}

async function remember(url, response, asked) {
  const isAsset = new URL(url).pathname.startsWith(STATIC_URL);
  const cache = await caches.open(isAsset ? ASSETS : PAGES);
  if (asked !== generation) return;
  const keep = isAsset || response.headers.get("X-Offline") === "allow";
  if (response.status === 200 && !response.redirected && keep) {
    await cache.put(url, response.clone()).catch(() => {}); // a full phone keeps fewer copies
  } else if (withdrawn(response)) {
    await cache.delete(url, { ignoreVary: true });
  }
}

async function networkFirst(request) {
  const asked = generation;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return (await offlineCopy(request)) || Response.error();
  }
  await remember(request.url, response, asked);
  if (response.status >= 500) return (await offlineCopy(request)) || response; // a failing gateway
  return response;
}

async function offlineCopy(request) {
  for (const name of [PAGES, ASSETS]) {
    const cache = await caches.open(name);
    const found = await cache.match(request, { ignoreVary: true });
    if (found) return found;
  }
  return null;
}

async function sendOrQueue(request) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    // Kept with the form's own body, CSRF token included, and sent again once online.
    const headers = { "Content-Type": copy.headers.get("Content-Type") };
    await (await caches.open(QUEUE)).put(copy.url, new Response(await copy.blob(), { headers }));
    if (self.registration.sync) self.registration.sync.register("flush").catch(() => {});
    return Response.json({ queued: true }, { status: 202 });
  }
}

async function flush(asked = generation) {
  const queue = await caches.open(QUEUE);
  for (const key of await queue.keys()) {
    const stored = await queue.match(key);
    let response;
    try {
      response = await fetch(key.url, {
        method: "POST",
        body: await stored.blob(),
        credentials: "same-origin",
        headers: { "Content-Type": stored.headers.get("Content-Type"), Accept: "application/json" },
      });
    } catch (error) {
      return; // still offline
    }
    await queue.delete(key); // sent: recorded, or refused for good (access withdrawn)
    if (response.ok && !response.redirected) {
      await refresh((await response.json()).issue, asked); // the kept page shows it confirmed
    }
  }
}

async function refresh(url, asked) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (latest.has(url)) await remember(url, response, asked); // not if a later list dropped it
  } catch (error) {
    // offline again: the copy is brought up to date at the next visit
  }
}

async function sync(list) {
  const asked = generation;
  await flush(asked);
  let response;
  try {
    response = await fetch(list, { credentials: "same-origin", cache: "no-store" });
  } catch (error) {
    return;
  }
  if (response.redirected || GONE.includes(response.status)) return clearAll(); // logged out
  if (!response.ok) return;
  const wanted = new Set((await response.json()).urls.map((u) => new URL(u, self.location).href));
  latest = wanted;
  const cache = await caches.open(PAGES);
  for (const key of await cache.keys()) {
    if (!wanted.has(key.url)) await cache.delete(key);
  }
  for (const url of wanted) {
    if (asked !== generation) return;
    if (!(await offlineCopy(url))) await refresh(url, asked);
  }
}
