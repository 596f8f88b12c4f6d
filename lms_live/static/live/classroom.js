// The live classroom: one WebSocket, every event rendered in order, and a reconnect
// with back-off that asks for what was missed (the last sequence number seen).
const root = document.getElementById("classroom");
const gettext = window.gettext || ((text) => text);
const ngettext = window.ngettext || ((one, many, count) => (count === 1 ? one : many));
// Named placeholders ("%(name)s"), as Django's catalogue fills them.
const format = (text, values) =>
  window.interpolate
    ? window.interpolate(text, values, true)
    : text.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));

if (root) {
  const role = root.dataset.role;
  const me = Number(root.dataset.user);
  const feed = root.querySelector('[data-feed="chat"]');
  const pollList = root.querySelector('[data-feed="polls"]');
  const questions = root.querySelector("[data-questions]");
  const hands = root.querySelector("[data-hands]");
  const status = root.querySelector("[data-connection]");
  const newBelow = root.querySelector("[data-new-below]");
  const handButton = root.querySelector("[data-hand]");
  const percent = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    style: "percent",
  });
  const polls = new Map(); // poll seq -> its list of choices
  const muted = new Set();
  let lastSeq = 0; // a new page shows everything; a reconnect asks for the rest
  let socket;
  let delay = 500;
  let live = false; // true after the first replay: only what happens now is announced

  const send = (type, fields = {}) => {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ v: 1, type, ...fields }));
    }
  };

  // A labelled button; `name` tells a screen reader what it acts on.
  const button = (label, action, name) => {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button button--small button--secondary";
    element.textContent = label;
    if (name) element.setAttribute("aria-label", name);
    element.addEventListener("click", action);
    return element;
  };
  const actionsOf = (entry) => {
    let box = entry.querySelector(":scope > .actions");
    if (!box) {
      box = document.createElement("div");
      box.className = "actions";
      entry.append(box);
    }
    return box;
  };
  const nameOf = (frame) => (frame.author ? frame.author.name : "");

  const entryFor = (frame, html) => {
    const entry = document.createElement("li");
    entry.id = `event-${frame.seq}`;
    entry.dataset.kind = frame.kind;
    const who = document.createElement("strong");
    who.className = "author";
    who.textContent = frame.author ? `${frame.author.name}: ` : "";
    const text = document.createElement("span");
    text.className = "text";
    text.innerHTML = html; // sanitised on the server (bleach), links only
    entry.append(who, text);
    return entry;
  };

  // The chat keeps to its newest message, unless the reader scrolled up to read:
  // then a button offers the way down.
  const nearBottom = () => feed.scrollHeight - feed.scrollTop - feed.clientHeight < 48;
  const addToChat = (entry) => {
    const following = nearBottom();
    feed.append(entry);
    if (following) feed.scrollTop = feed.scrollHeight;
    else newBelow.hidden = false;
  };
  feed.addEventListener("scroll", () => {
    if (nearBottom()) newBelow.hidden = true;
  });
  newBelow.querySelector("button").addEventListener("click", () => {
    feed.scrollTop = feed.scrollHeight;
    newBelow.hidden = true;
    feed.focus();
  });

  // One short announcement for a burst of events, never the words themselves.
  const announcer = root.querySelector("[data-announce]");
  let heard = [];
  let announceTimer;
  const announce = (text) => {
    if (!live) return;
    heard.push(text);
    announceTimer ??= setTimeout(() => {
      announcer.textContent =
        heard.length > 3
          ? format(ngettext("%(count)s new post in the class", "%(count)s new posts in the class", heard.length), { count: heard.length })
          : heard.join(" ");
      heard = [];
      announceTimer = undefined;
    }, 1500);
  };

  // How many questions and polls there are, in the phone's navigation, and a word
  // where a list is still empty.
  const counted = () => {
    const lists = { questions, polls: pollList, hands };
    Object.entries(lists).forEach(([key, list]) => {
      const size = list.children.length;
      root.querySelector(`[data-empty="${key}"]`).hidden = size > 0;
      const count = root.querySelector(`[data-count="${key}"]`);
      if (count) count.textContent = size ? `(${size})` : "";
    });
  };

  // The trainer's moderation: hide what was written, mute (or unmute) who wrote it.
  const moderate = (entry, frame) => {
    const box = actionsOf(entry);
    const name = nameOf(frame);
    const what = frame.kind === "question" ? gettext("Hide the question by %(name)s") : gettext("Hide the post by %(name)s");
    box.append(button(gettext("Hide"), () => send("hide", { event: frame.seq }), format(what, { name })));
    if (frame.author && frame.author.id !== me) {
      const mute = button("", () => send("mute", { user: frame.author.id, muted: !muted.has(frame.author.id) }));
      mute.dataset.mute = String(frame.author.id);
      mute.dataset.name = name;
      labelMute(mute);
      box.append(mute);
    }
  };
  const labelMute = (element) => {
    const silent = muted.has(Number(element.dataset.mute));
    element.textContent = silent ? gettext("Unmute") : gettext("Mute");
    element.setAttribute("aria-label", format(silent ? gettext("Unmute %(name)s") : gettext("Mute %(name)s"), { name: element.dataset.name }));
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
  const upvotes = (count) => format(ngettext("%(count)s upvote", "%(count)s upvotes", count), { count });

  // Raised hands, in the order raised; raising again keeps one's place.
  const showHand = (frame) => {
    const user = frame.data.user;
    const existing = hands.querySelector(`[data-user="${user}"]`);
    if (!frame.data.raised) existing?.remove();
    if (frame.data.raised && !existing) {
      const entry = document.createElement("li");
      entry.dataset.user = String(user);
      const name = nameOf(frame);
      entry.append(Object.assign(document.createElement("span"), { textContent: name }));
      if (role === "trainer") {
        const lower = button(gettext("Lower hand"), () => send("lower_hand", { user }), format(gettext("Lower the hand of %(name)s"), { name }));
        actionsOf(entry).append(lower);
        if (user !== me) announce(format(gettext("%(name)s raised a hand."), { name }));
      }
      hands.append(entry);
    }
    if (user === me) {
      const up = Boolean(hands.querySelector(`[data-user="${me}"]`));
      handButton.textContent = up ? handButton.dataset.lowerLabel : handButton.dataset.raiseLabel;
    }
  };

  const showPoll = (frame) => {
    const data = frame.data;
    const entry = entryFor(frame, "");
    entry.classList.add("poll");
    entry.querySelector(".text").textContent = `📊 ${data.question}`;
    const results = document.createElement("ol");
    results.className = "poll__choices";
    data.choices.forEach((choice, index) => {
      const row = document.createElement("li");
      const vote = button(choice, () => send("vote", { poll: frame.seq, choice: index }));
      vote.classList.add("poll__vote");
      const bar = Object.assign(document.createElement("meter"), { min: 0, max: 1, value: 0 });
      bar.setAttribute("aria-hidden", "true"); // the count and share say it in words
      const count = Object.assign(document.createElement("span"), { className: "count" });
      const share = Object.assign(document.createElement("span"), { className: "share" });
      row.append(vote, " ", count, " ", share, bar);
      results.append(row);
    });
    entry.append(results);
    tally(results, data.choices.map(() => 0));
    if (role === "trainer") {
      const close = gettext("Close and reveal");
      entry.append(button(close, () => send("poll_close", { poll: frame.seq, reveal: true }), `${close}: ${data.question}`));
    }
    polls.set(frame.seq, results);
    pollList.prepend(entry); // the newest poll first
    announce(gettext("A new poll is open."));
  };
  const tally = (results, counts) => {
    const total = counts.reduce((sum, count) => sum + count, 0);
    [...results.children].forEach((row, index) => {
      const count = counts[index] || 0;
      row.querySelector(".count").textContent = format(ngettext("%(count)s vote", "%(count)s votes", count), { count });
      row.querySelector(".share").textContent = percent.format(total ? count / total : 0);
      Object.assign(row.querySelector("meter"), { max: Math.max(total, 1), value: count });
    });
  };
  const pollNote = (poll, text) => {
    const entry = document.getElementById(`event-${poll}`);
    if (!entry) return;
    entry.querySelectorAll(".poll__vote").forEach((b) => { b.disabled = true; });
    let note = entry.querySelector(".poll__note");
    if (!note) {
      note = Object.assign(document.createElement("p"), { className: "meta poll__note" });
      entry.querySelector(".poll__choices").after(note);
    }
    note.textContent = text;
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
    counted();
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
    const mine = frame.author && frame.author.id === me;
    if (frame.kind === "chat") {
      const entry = entryFor(frame, data.html);
      if (role === "trainer") moderate(entry, frame);
      addToChat(entry);
      if (!mine) announce(format(gettext("%(name)s wrote in the chat."), { name: nameOf(frame) }));
    }
    if (frame.kind === "question") {
      const entry = entryFor(frame, `❓ ${data.html}`);
      entry.dataset.seq = String(frame.seq);
      entry.dataset.votes = "0";
      const votes = Object.assign(document.createElement("span"), { className: "votes", textContent: upvotes(0) });
      entry.append(" ", votes);
      const name = nameOf(frame);
      const box = actionsOf(entry);
      box.append(button(gettext("Upvote"), () => send("upvote", { question: frame.seq }), format(gettext("Upvote the question by %(name)s"), { name })));
      if (role === "trainer") {
        const answered = button(gettext("Answered"), () => send("answered", { question: frame.seq }), format(gettext("Mark the question by %(name)s as answered"), { name }));
        answered.dataset.answer = "";
        box.append(answered);
        moderate(entry, frame);
      }
      questions.append(entry);
      sortQuestions();
      if (!mine) announce(format(gettext("%(name)s asked a question."), { name }));
    }
    if (frame.kind === "upvote") {
      const entry = document.getElementById(`event-${data.question}`);
      if (entry) {
        entry.dataset.votes = String(data.votes);
        entry.querySelector(".votes").textContent = upvotes(data.votes);
        sortQuestions();
      }
    }
    if (frame.kind === "answered") {
      const entry = document.getElementById(`event-${data.question}`);
      if (entry && !entry.classList.contains("answered")) {
        entry.classList.add("answered");
        const mark = Object.assign(document.createElement("em"), { className: "answered-mark" });
        mark.textContent = ` ✓ ${gettext("answered")}`;
        entry.querySelector(".text").after(mark);
        entry.querySelector("[data-answer]")?.remove();
        sortQuestions();
      }
    }
    if (frame.kind === "hidden") document.getElementById(`event-${data.event}`)?.remove();
    if (frame.kind === "muted") {
      if (data.muted) muted.add(data.user);
      else muted.delete(data.user);
      root.querySelectorAll(`[data-mute="${data.user}"]`).forEach(labelMute);
      if (data.user === me && live) {
        status.textContent = data.muted
          ? gettext("The trainer has muted you: you can still follow the class.")
          : gettext("You can write in the class again.");
      }
    }
    if (frame.kind === "hand") showHand(frame);
    if (frame.kind === "agenda") {
      root.querySelectorAll("[data-item]").forEach((li) => {
        const now = li.dataset.item === String(data.item);
        li.classList.toggle("current", now);
        if (now) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
    }
    if (frame.kind === "poll_opened") showPoll(frame);
    if (frame.kind === "tally" || frame.kind === "poll_closed") {
      const results = polls.get(data.poll);
      if (results && (role === "trainer" || frame.kind === "tally" || data.revealed)) {
        tally(results, data.counts);
      }
      if (results && frame.kind === "poll_closed") pollNote(data.poll, gettext("The poll is closed."));
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
    root.querySelector('[data-count="people"]').textContent = `(${present.size})`;
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
      if (frame.type === "replayed" && !frame.more) live = true;
      if (frame.type === "presence") people(frame.people);
      if (frame.type === "presence_diff") peopleChanged(frame);
      if (frame.type === "error") status.textContent = frame.message;
      if (frame.type === "checked_in") status.textContent = gettext("You are checked in.");
      if (frame.type === "voted") pollNote(frame.poll, gettext("Your vote is counted."));
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
  handButton?.addEventListener("click", () => {
    send("hand", { raised: !hands.querySelector(`[data-user="${me}"]`) });
  });
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

  // On a phone the composer is fixed at the bottom: the page keeps room for it, so it
  // never covers the last line or a focused control.
  const composer = root.querySelector("[data-say]");
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--composer-height", `${composer.offsetHeight}px`);
  }).observe(composer);

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
  counted();
  connect();
}
