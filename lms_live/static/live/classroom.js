// The live classroom: one WebSocket, every event rendered in order, and a reconnect
// with back-off that asks for what was missed (the last sequence number seen).
const root = document.getElementById("classroom");
const gettext = window.gettext || ((text) => text);

if (root) {
  const role = root.dataset.role;
  const feed = root.querySelector("[data-feed]");
  const questions = root.querySelector("[data-questions]");
  const status = root.querySelector("[data-connection]");
  const polls = new Map();
  let lastSeq = 0; // a new page shows everything; a reconnect asks for the rest
  let socket;
  let delay = 500;

  const send = (type, fields = {}) => {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ v: 1, type, ...fields }));
    }
  };

  const button = (label, action) => {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "link-button";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  };

  const item = (frame, html, list = feed) => {
    const entry = document.createElement("li");
    entry.id = `event-${frame.seq}`;
    entry.dataset.kind = frame.kind;
    const who = document.createElement("strong");
    who.textContent = frame.author ? `${frame.author.name}: ` : "";
    const text = document.createElement("span");
    text.innerHTML = html; // sanitised on the server (bleach), links only
    entry.append(who, text);
    list.append(entry);
    return entry;
  };

  // Q&A: most upvoted first, then oldest first; answered questions go to the end.
  const sortQuestions = () => {
    const entries = [...questions.children];
    const answered = (entry) => Number(entry.classList.contains("answered"));
    entries.sort(
      (a, b) =>
        answered(a) - answered(b) ||
        Number(b.dataset.votes) - Number(a.dataset.votes) ||
        Number(a.dataset.seq) - Number(b.dataset.seq),
    );
    questions.append(...entries);
  };

  // Events are shown strictly in order. After a (re)connect, the room's live events may
  // arrive before the replay of what was missed: one that comes early waits for the
  // ones before it. An event already shown is skipped: no duplicates after a replay.
  const early = new Map();
  const render = (frame) => {
    if (frame.seq <= lastSeq) return;
    early.set(frame.seq, frame);
    while (early.has(lastSeq + 1)) {
      lastSeq += 1;
      show(early.get(lastSeq));
      early.delete(lastSeq);
    }
    askForGap();
  };

  // A frame lost on an open socket leaves a gap that no reconnect comes to fill. An
  // early event still waiting after a second (long enough for a replay already on its
  // way) asks for what is missing with `hello`; while the gap stays, it asks again,
  // waiting twice as long each time. Once nothing waits, the next gap starts afresh.
  let gapTimer;
  let gapWait = 1000;
  const askForGap = () => {
    if (early.size === 0) {
      clearTimeout(gapTimer);
      gapTimer = undefined;
      gapWait = 1000;
    } else if (gapTimer === undefined) {
      gapTimer = setTimeout(() => {
        gapTimer = undefined;
        send("hello", { since: lastSeq });
        gapWait = Math.min(gapWait * 2, 15000);
        askForGap();
      }, gapWait);
    }
  };
  const show = (frame) => {
    const data = frame.data;
    if (frame.kind === "chat") item(frame, data.html);
    if (frame.kind === "question") {
      const entry = item(frame, `❓ ${data.html}`, questions);
      entry.dataset.seq = String(frame.seq);
      entry.dataset.votes = "0";
      const votes = document.createElement("span");
      votes.className = "votes";
      entry.append(" ", votes);
      entry.append(button(gettext("Upvote"), () => send("upvote", { question: frame.seq })));
      if (role === "trainer") {
        entry.append(button(gettext("Answered"), () => send("answered", { question: frame.seq })));
      }
    }
    if (role === "trainer" && ["chat", "question"].includes(frame.kind)) {
      const entry = document.getElementById(`event-${frame.seq}`);
      entry.append(button(gettext("Hide"), () => send("hide", { event: frame.seq })));
      if (frame.author) {
        entry.append(button(gettext("Mute"), () => send("mute", { user: frame.author.id, muted: true })));
      }
    }
    if (frame.kind === "upvote") {
      const entry = document.getElementById(`event-${data.question}`);
      if (entry) {
        entry.dataset.votes = String(data.votes);
        entry.querySelector(".votes").textContent = `▲ ${data.votes}`;
        sortQuestions();
      }
    }
    if (frame.kind === "answered") {
      const entry = document.getElementById(`event-${data.question}`);
      if (entry && !entry.classList.contains("answered")) {
        entry.classList.add("answered");
        const mark = document.createElement("em");
        mark.textContent = ` ✓ ${gettext("answered")}`;
        entry.querySelector("span").after(mark);
        sortQuestions();
      }
    }
    if (frame.kind === "hidden") document.getElementById(`event-${data.event}`)?.remove();
    if (frame.kind === "hand" && role === "trainer") {
      const entry = item(frame, data.raised ? "✋" : "—");
      if (data.raised) {
        entry.append(button(gettext("Lower hand"), () => send("lower_hand", { user: data.user })));
      }
    }
    if (frame.kind === "agenda") {
      root.querySelectorAll("[data-item]").forEach((li) => {
        li.classList.toggle("current", li.dataset.item === String(data.item));
      });
    }
    if (frame.kind === "poll_opened") {
      const entry = item(frame, "");
      entry.querySelector("span").textContent = `📊 ${data.question}`;
      const results = document.createElement("ol");
      data.choices.forEach((choice, index) => {
        const row = document.createElement("li");
        row.append(button(choice, () => send("vote", { poll: frame.seq, choice: index })));
        row.append(" ", Object.assign(document.createElement("span"), { className: "count" }));
        results.append(row);
      });
      entry.append(results);
      if (role === "trainer") {
        entry.append(button(gettext("Close and reveal"), () => send("poll_close", { poll: frame.seq, reveal: true })));
      }
      polls.set(frame.seq, results);
    }
    if (frame.kind === "tally" || frame.kind === "poll_closed") {
      const results = polls.get(data.poll);
      if (results && (role === "trainer" || frame.kind === "tally" || data.revealed)) {
        [...results.children].forEach((row, index) => {
          row.querySelector(".count").textContent = String(data.counts[index]);
        });
      }
      if (results && frame.kind === "poll_closed") {
        results.querySelectorAll("button").forEach((b) => { b.disabled = true; });
      }
    }
    if (frame.kind === "ended") status.textContent = gettext("The session has ended.");
  };

  // Who is present: the full list on joining, then arrivals and departures.
  const present = new Map();
  const showPeople = () => {
    const target = root.querySelector("[data-people]");
    const names = [...present.values()].map((person) => person.name);
    target.replaceChildren(...names.sort((a, b) => a.localeCompare(b)).map((name) => {
      const entry = document.createElement("li");
      entry.textContent = name;
      return entry;
    }));
  };
  const people = (list) => {
    present.clear();
    list.forEach((person) => present.set(person.id, person));
    showPeople();
  };
  const peopleChanged = (frame) => {
    frame.left.forEach((id) => present.delete(id));
    frame.joined.forEach((person) => present.set(person.id, person));
    showPeople();
  };

  const connect = () => {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${window.location.host}${root.dataset.socket}`);
    socket.addEventListener("open", () => {
      delay = 500;
      status.textContent = gettext("Connected.");
      send("hello", { since: lastSeq });
    });
    const handle = (frame) => {
      if (frame.type === "batch") frame.frames.forEach(handle);
      if (frame.type === "event") render(frame);
      if (frame.type === "replayed" && frame.more) send("hello", { since: lastSeq });
      if (frame.type === "presence") people(frame.people);
      if (frame.type === "presence_diff") peopleChanged(frame);
      if (frame.type === "error") status.textContent = frame.message;
      if (frame.type === "checked_in") status.textContent = gettext("You are checked in.");
    };
    socket.addEventListener("message", (message) => handle(JSON.parse(message.data)));
    socket.addEventListener("close", (event) => {
      if ([4401, 4403, 4404, 4410].includes(event.code)) {
        status.textContent = gettext("You are no longer connected to this class.");
        return;
      }
      status.textContent = gettext("Connection lost: reconnecting…");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  };

  root.querySelector("[data-say]")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const field = event.target.elements.text;
    if (!field.value.trim()) return;
    send(event.submitter?.value === "ask" ? "ask" : "chat", { text: field.value });
    field.value = "";
  });
  root.querySelector("[data-hand]")?.addEventListener("click", () => send("hand", { raised: true }));
  root.querySelector("[data-checkin]")?.addEventListener("submit", (event) => {
    event.preventDefault();
    send("check_in", { code: event.target.elements.code.value });
  });
  root.querySelector("[data-poll]")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target.elements;
    const choices = form.choices.value.split("\n").map((c) => c.trim()).filter(Boolean);
    send("poll_open", { question: form.question.value, choices });
    event.target.reset();
  });
  root.querySelectorAll("[data-select-agenda]").forEach((element) => {
    element.addEventListener("click", () => send("agenda", { item: Number(element.dataset.selectAgenda) }));
  });
  root.querySelector("[data-end]")?.addEventListener("click", () => send("end"));

  // The trainer's screen keeps the room's check-in code (and its QR) current.
  const qr = root.querySelector("[data-qr]");
  if (qr) {
    setInterval(async () => {
      const response = await fetch(qr.dataset.codeUrl, { credentials: "same-origin" });
      if (!response.ok) return;
      const current = await response.json();
      root.querySelector("[data-code]").textContent = current.code;
      qr.innerHTML = current.qr; // an SVG made on the server
    }, 15000);
  }
  connect();
}
