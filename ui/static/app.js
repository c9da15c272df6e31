() => {
  // Clicking a [n] marker in an answer asks the server (through the hidden #cite-request box) to show its
  // source in the side panel; in a briefing note it scrolls to the numbered source below the note.
  if (window.__assistantCiteWired) return;
  window.__assistantCiteWired = true;

  function showBriefSource(el) {
    const item = document.querySelector(`#brief-out ol.sources li[value="${el.dataset.n}"]`);
    if (!item) return;
    item.scrollIntoView({ behavior: "smooth", block: "center" });
    item.classList.add("flash");
    setTimeout(() => item.classList.remove("flash"), 1500);
  }

  function requestSource(el) {
    const box = document.querySelector("#cite-request textarea, #cite-request input");
    if (!box) return;
    box.value = [el.dataset.key, el.dataset.kind || "c", el.dataset.n, Date.now()].join("|");
    box.dispatchEvent(new Event("input", { bubbles: true }));
    document.querySelectorAll(".cite.active").forEach((e) => e.classList.remove("active"));
    el.classList.add("active");
  }

  function activate(el) {
    if ((el.dataset.key || "").startsWith("brief-")) showBriefSource(el);
    else requestSource(el);
  }

  document.addEventListener("click", (ev) => {
    const el = ev.target.closest && ev.target.closest(".cite");
    if (el) { ev.preventDefault(); ev.stopPropagation(); activate(el); }
  }, true);
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    const el = ev.target.closest && ev.target.closest(".cite");
    if (el) { ev.preventDefault(); activate(el); }
  });
}
