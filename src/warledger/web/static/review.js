// The event page's review controls: confirm, correct or reject a claim through
// POST /api/facts/{id}/review (needs the server's token). The token and the reviewer's name
// stay in this tab's sessionStorage only. Without JavaScript the controls stay hidden.
(function () {
  "use strict";
  const panel = document.getElementById("review-panel");
  if (!panel) return;
  const token = document.getElementById("review-token");
  const reviewer = document.getElementById("review-reviewer");
  const status = document.getElementById("review-status");
  token.value = sessionStorage.getItem("warledger-token") || "";
  reviewer.value = sessionStorage.getItem("warledger-reviewer") || "";
  panel.hidden = false;

  async function review(factId, action, value) {
    sessionStorage.setItem("warledger-token", token.value);
    sessionStorage.setItem("warledger-reviewer", reviewer.value);
    const body = { action: action, reviewer: reviewer.value.trim() };
    if (action === "correct") body.value = Number(value);
    status.textContent = "Saving…";
    const res = await fetch(`/api/facts/${factId}/review`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value },
      body: JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      status.textContent = `Not saved: ${data.error || res.status}`;
      return;
    }
    status.textContent = "Saved; reloading…";
    // a rejected claim may have been the event's only one: the events list then says so
    const again = await fetch(location.href);
    if (again.ok) location.reload();
    else location.href = "/";
  }

  for (const box of document.querySelectorAll(".review-actions")) {
    box.hidden = false;
    for (const button of box.querySelectorAll("button[data-action]")) {
      button.addEventListener("click", () => {
        const action = button.dataset.action;
        const value = box.querySelector("input[name=value]").value;
        if (!reviewer.value.trim()) {
          status.textContent = "Give your name first: every review records who made it.";
          return;
        }
        if (action === "correct" && value === "") {
          status.textContent = "Give the corrected value first.";
          return;
        }
        review(box.dataset.fact, action, value).catch((err) => {
          status.textContent = "Not saved: " + err.message;
        });
      });
    }
  }
})();
