// Course and lesson pages: save a course for offline reading, and keep lessons marked
// done while offline until the line comes back. Strings come from Django's JavaScript
// catalogue (gettext / interpolate).
const QUEUE = "lms-pending-completions";

// "Save for offline reading" on the course page.
for (const button of document.querySelectorAll("[data-save-offline]")) {
  const status = document.getElementById(button.dataset.status);
  button.hidden = !("serviceWorker" in navigator);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = gettext("Saving the course on this device…");
    try {
      const manifest = await fetch(button.dataset.manifest, { credentials: "same-origin" });
      if (!manifest.ok) throw new Error(manifest.status);
      const { urls } = await manifest.json();
      const worker = (await navigator.serviceWorker.ready).active;
      const reply = new Promise((resolve) => {
        navigator.serviceWorker.addEventListener("message", (event) => resolve(event.data), { once: true });
      });
      worker.postMessage({ type: "save", urls });
      const answer = await reply;
      if (answer.type !== "saved") throw new Error(answer.error);
      status.textContent = interpolate(
        ngettext("Saved: %s page can be read offline.", "Saved: %s pages can be read offline.", answer.count),
        [answer.count],
      );
    } catch (error) {
      status.textContent = gettext("The course could not be saved. Please try again when the connection is better.");
    } finally {
      button.disabled = false;
    }
  });
}

// "Mark as complete" while offline: remembered here, sent when back online.
for (const form of document.querySelectorAll("form[data-offline-queue]")) {
  form.addEventListener("submit", (event) => {
    if (navigator.onLine) return;
    event.preventDefault();
    const pending = JSON.parse(localStorage.getItem(QUEUE) || "[]");
    const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    if (!pending.some((item) => item.url === form.action)) pending.push({ url: form.action, token });
    localStorage.setItem(QUEUE, JSON.stringify(pending));
    const button = form.querySelector("button");
    button.disabled = true;
    button.textContent = gettext("Done: it will be sent when you are back online");
    announce(gettext("Lesson marked as complete on this device; the School gets it once you are online again."));
  });
}

// The lesson page's live region, where a tick made without a reload is confirmed.
function announce(text) {
  const status = document.querySelector("[data-completion-status]");
  if (status && text) status.textContent = text;
}

async function sendPending() {
  const pending = JSON.parse(localStorage.getItem(QUEUE) || "[]");
  const left = [];
  for (const item of pending) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", item.token);
    try {
      const response = await fetch(item.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      // The server keeps one tick per lesson, so sending twice is harmless; a refusal
      // (not enrolled any more) is not retried, but it is said.
      if (response.status >= 500) left.push(item);
      else if (item.url === pageForm()?.action) {
        announce((await response.json().catch(() => ({}))).message);
      }
    } catch (error) {
      left.push(item);
    }
  }
  localStorage.setItem(QUEUE, JSON.stringify(left));
}

function pageForm() {
  return document.querySelector("form[data-offline-queue]");
}

window.addEventListener("online", sendPending);
if (navigator.onLine) sendPending();
