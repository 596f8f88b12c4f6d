// Every page: the service worker for offline reading, the offline notice, and videos.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
}

const banner = document.getElementById("offline-banner");
function showConnection() {
  if (banner) banner.hidden = navigator.onLine;
}
window.addEventListener("online", showConnection);
window.addEventListener("offline", showConnection);
showConnection();

// Videos: the player (often heavier than the whole lesson) loads only when asked for.
for (const video of document.querySelectorAll("[data-video]")) {
  const button = video.querySelector("[data-play]");
  const player = video.querySelector("template");
  if (!button || !player) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    video.replaceChildren(player.content.cloneNode(true));
    video.querySelector("iframe")?.focus();
  });
}
