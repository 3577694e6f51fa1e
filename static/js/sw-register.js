// Installs the service worker (static/js/sw.js, served at /sw.js) where browsers have them.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {
      // Without it the site works as before, just not offline.
    });
  });
}
