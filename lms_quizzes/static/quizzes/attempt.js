// Saves each answer on the server as it is given, one request at a time, and counts
// the time down. Without this script the page's buttons save and submit the same way.
const form = document.querySelector(".quiz-form");
const status = document.querySelector("[data-save-status]");
const counter = document.querySelector("[data-answered-count]");
const gettext = window.gettext || ((text) => text);
const interpolate =
  window.interpolate ||
  ((text, values, named) =>
    named
      ? text.replace(/%\((\w+)\)s/g, (match, name) => values[name])
      : text.replace("%s", values[0]));

if (form) {
  const sequence = form.querySelector("input[name=sequence]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let queue = Promise.resolve();

  const answerOf = (questionId) => {
    const inputs = [...form.querySelectorAll(`[name="q-${questionId}"]`)];
    if (inputs.length && inputs[0].type === "checkbox") {
      return inputs.filter((input) => input.checked).map((input) => input.value);
    }
    if (inputs.length && inputs[0].type === "radio") {
      const checked = inputs.find((input) => input.checked);
      return checked ? checked.value : null;
    }
    return inputs.length ? inputs[0].value : null;
  };

  // A 409 means another tab saved meanwhile: this answer is the learner's latest
  // action on the question, so it is sent once more with the current sequence.
  const save = (questionId, retried = false) => {
    queue = queue.then(async () => {
      status.textContent = gettext("Saving…");
      try {
        const response = await fetch(form.dataset.saveUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify({
            sequence: Number(sequence.value),
            answers: { [questionId]: answerOf(questionId) },
          }),
        });
        const reply = await response.json();
        if (response.ok) {
          sequence.value = reply.sequence;
          status.textContent = gettext("Saved.");
          // The server counts the answers it holds: the counter follows what is saved.
          if (counter && reply.answered !== undefined) {
            counter.textContent = interpolate(
              gettext("%(answered)s of %(total)s answered"),
              { answered: reply.answered, total: reply.total },
              true,
            );
          }
        } else if (response.status === 409 && !retried && reply.sequence !== undefined) {
          sequence.value = reply.sequence;
          save(questionId, true);
        } else if (response.status === 410) {
          window.location.reload();
        } else {
          status.textContent = interpolate(gettext("Not saved: %s"), [reply.message]);
        }
      } catch (error) {
        status.textContent = gettext("Not saved: no connection. Use “Save answers” when you are back online.");
      }
    });
  };

  let typing;
  form.addEventListener("change", (event) => {
    const name = event.target.name || "";
    if (name.startsWith("q-")) save(name.slice(2));
  });
  form.addEventListener("input", (event) => {
    const name = event.target.name || "";
    if (event.target.type !== "text" || !name.startsWith("q-")) return;
    clearTimeout(typing);
    typing = setTimeout(() => save(name.slice(2)), 800);
  });
  // The form posts every answer on the page with the sequence it holds: wait for
  // saves still in flight, so that the sequence is the latest one.
  form.addEventListener("submit", (event) => {
    clearTimeout(typing);
    if (form.dataset.flushed) return;
    event.preventDefault();
    const submitter = event.submitter;
    queue.then(() => {
      form.dataset.flushed = "1";
      form.requestSubmit(submitter);
    });
  });
}

const clock = document.querySelector("[data-seconds-left]");
if (clock) {
  const ends = Date.now() + Number(clock.dataset.secondsLeft) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    clock.textContent = interpolate(gettext("Time left: %s"), [`${minutes}:${seconds}`]);
    if (left === 0) window.location.reload();
    else setTimeout(tick, 1000);
  };
  tick();
}
