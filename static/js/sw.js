// Medius's service worker, served at /sw.js (forum/core/views.py puts self.MEDIUS first).
// Offline, a page asked for is answered from the threads this browser read last (at most
// MEDIUS.keepThreads of them), else with the offline page. It keeps only public thread
// pages fetched with GET: never a member's own pages (MEDIUS.private: notifications,
// account, data, admin), never a response marked private or no-store, never a POST.
// Logging out empties the kept threads.
"use strict";
const CONFIG = self.MEDIUS;
const SHELL = "medius-shell-" + CONFIG.version;
const THREADS = "medius-threads";
const THREAD_PATH = /^\/(questions|articles)\/\d+\/[^/]+\/$/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) {
      return cache.addAll(CONFIG.precache);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.startsWith("medius-shell-") && name !== SHELL;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function isPrivate(url) {
  return CONFIG.private.some(function (prefix) {
    return url.pathname.startsWith(prefix);
  });
}

function mayKeep(request, response) {
  const url = new URL(request.url);
  if (request.method !== "GET" || response.status !== 200 || response.type !== "basic") {
    return false;
  }
  if (isPrivate(url) || !THREAD_PATH.test(url.pathname) || url.search) return false;
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return !/\b(private|no-store)\b/.test(control);
}

function keepThread(request, response) {
  return caches.open(THREADS).then(function (cache) {
    return cache.put(request, response).then(function () {
      return cache.keys();
    }).then(function (keys) {
      // Oldest first: drop all but the newest CONFIG.keepThreads.
      const extra = keys.length - CONFIG.keepThreads;
      return Promise.all(keys.slice(0, Math.max(extra, 0)).map(function (key) {
        return cache.delete(key);
      }));
    });
  });
}

self.addEventListener("fetch", function (event) {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (url.pathname === "/account/logout/") event.waitUntil(caches.delete(THREADS));
    return; // the network, untouched
  }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(function (response) {
        if (mayKeep(request, response)) {
          const copy = response.clone();
          // Read again, it moves to the end of the list (the newest).
          event.waitUntil(caches.open(THREADS).then(function (cache) {
            return cache.delete(request);
          }).then(function () {
            return keepThread(request, copy);
          }));
        }
        return response;
      }).catch(function () {
        return caches.open(THREADS).then(function (cache) {
          return isPrivate(url) ? undefined : cache.match(request, { ignoreVary: true });
        }).then(function (kept) {
          return kept || caches.match(CONFIG.offline);
        });
      })
    );
    return;
  }
  if (CONFIG.precache.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (kept) {
      return kept || fetch(request);
    }));
  }
});
