() => {
  // The page's own behaviour, on top of Gradio:
  // - a [n] marker asks the server (through the hidden #cite-request box) for its source, then scrolls the
  //   highlighted quote into view (the panel is beside the chat on a wide screen, below it on a phone);
  //   in a briefing note it scrolls to the numbered source below the note;
  // - "Copy" copies an answer as plain text; Enter sends, Shift+Enter is a new line; a character counter;
  // - the interface language switches Gradio's own strings (its locale) and <html lang>;
  // - data tables sort by a click on their header.
  if (window.__assistantWired) return;
  window.__assistantWired = true;
  const GRADIO_CORE = "__GRADIO_CORE__";
  // Gradio scopes app.css inside its container; the page margins sit outside it.
  const outer = document.createElement("style");
  outer.textContent = "@media (max-width: 700px) { .main.app { padding: 8px 8px 0 !important; } }";
  document.head.appendChild(outer);

  window.__assistantSetLang = async (lang) => {
    document.documentElement.setAttribute("lang", lang);
    window.__assistantLang = lang;
    try {
      const core = await import(new URL(`assets/${GRADIO_CORE}`, document.baseURI).href);
      if (core.changeLocale) core.changeLocale(lang);
    } catch (e) { console.warn("could not switch Gradio's locale", e); }
    document.documentElement.setAttribute("lang", lang);
    updateCounter();
    localiseAria();
  };
  const checked = () => document.querySelector("#ui-lang input:checked");
  const initial = new URLSearchParams(location.search).get("lang") || (checked() && checked().value) || "vi";
  window.__assistantSetLang(initial);

  function scrollToCard(stamp) {
    const started = Date.now();
    const look = () => {
      const card = document.querySelector(`#source-panel .source-card[data-req="${stamp}"]`);
      if (card) {
        const target = card.querySelector("mark") || card;
        target.scrollIntoView({ behavior: "instant", block: "center" });
        card.classList.add("flash");
        setTimeout(() => card.classList.remove("flash"), 1500);
      } else if (Date.now() - started < 15000) setTimeout(look, 60);
    };
    look();
  }

  function showBriefSource(el) {
    const item = document.querySelector(`#brief-out ol.sources li[value="${el.dataset.n}"]`);
    if (!item) return;
    item.scrollIntoView({ behavior: "instant", block: "center" });
    item.classList.add("flash");
    setTimeout(() => item.classList.remove("flash"), 1500);
  }

  function requestSource(el) {
    const box = document.querySelector("#cite-request textarea, #cite-request input");
    if (!box) return;
    const stamp = String(Date.now());
    box.value = [el.dataset.key, el.dataset.kind || "c", el.dataset.n, stamp].join("|");
    box.dispatchEvent(new Event("input", { bubbles: true }));
    document.querySelectorAll(".cite.active").forEach((e) => e.classList.remove("active"));
    el.classList.add("active");
    scrollToCard(stamp);
  }

  function activate(el) {
    if ((el.dataset.key || "").startsWith("brief-")) showBriefSource(el);
    else requestSource(el);
  }

  function plainText(answer) {
    const copy = answer.cloneNode(true);
    copy.querySelectorAll(".msg-actions").forEach((e) => e.remove());
    return copy.innerText.replace(/\n{3,}/g, "\n\n").trim();
  }

  async function copyAnswer(button) {
    const answer = button.closest(".answer");
    if (!answer) return;
    const text = plainText(answer);
    try { await navigator.clipboard.writeText(text); } catch (e) {
      const area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      document.execCommand("copy"); area.remove();
    }
    window.__assistantCopied = text;
    const label = button.textContent;
    button.textContent = "✓ " + (button.dataset.done || "");
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  document.addEventListener("click", (ev) => {
    const target = ev.target;
    if (!target || !target.closest) return;
    const cite = target.closest(".cite");
    if (cite) { ev.preventDefault(); ev.stopPropagation(); activate(cite); return; }
    const copy = target.closest(".copy-msg");
    if (copy) { ev.preventDefault(); ev.stopPropagation(); copyAnswer(copy); return; }
    const th = target.closest("table.data-table.sortable th");
    if (th) sortBy(th);
  }, true);

  document.addEventListener("keydown", (ev) => {
    const el = ev.target;
    if (!el || !el.closest) return;
    const cite = el.closest(".cite");
    if (cite && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); activate(cite); return; }
    if (el.matches("#question textarea") && ev.key === "Enter" && !ev.isComposing && ev.keyCode !== 229) {
      ev.stopPropagation();  // Gradio's own handler would send on Shift+Enter
      if (!ev.shiftKey) {
        ev.preventDefault();
        const send = document.querySelector("#ask-btn");
        if (send && el.value.trim()) send.click();
      }
    }
  }, true);

  document.addEventListener("keypress", (ev) => {  // Gradio listens to keypress; Enter is ours
    if (ev.key === "Enter" && ev.target && ev.target.matches && ev.target.matches("#question textarea")) ev.stopPropagation();
  }, true);

  function updateCounter() {
    const box = document.querySelector("#question textarea");
    const out = document.querySelector("#q-counter .q-counter");
    if (!box || !out) return;
    const max = out.dataset.max || "";
    const en = (window.__assistantLang || document.documentElement.lang) === "en";
    const hint = en ? "Enter to send · Shift+Enter for a new line" : "Enter để gửi · Shift+Enter xuống dòng";
    out.textContent = `${hint} · ${box.value.length} / ${max} ${en ? "characters" : "ký tự"}`;
    out.classList.toggle("over", max && box.value.length > Number(max) * 0.9);
  }
  document.addEventListener("input", (ev) => {
    if (ev.target && ev.target.matches && ev.target.matches("#question textarea")) updateCounter();
  }, true);
  // Gradio writes a few accessibility labels in English whatever the locale: give them the interface language.
  const ARIA_VI = {
    "More tabs": "Các thẻ khác", "chatbot conversation": "hội thoại", "Gradio footer navigation": "liên kết cuối trang",
    "Like": "Hữu ích", "Dislike": "Chưa đúng", "Clear": "Xoá", "Copy": "Sao chép", "Copy message": "Sao chép",
    "Remove": "Bỏ", "Download": "Tải xuống", "Close": "Đóng", "Undo": "Hoàn tác", "Retry": "Thử lại",
    "Clear chat": "Xoá hội thoại", "Clear the chat": "Xoá hội thoại", "Share": "Chia sẻ", "Fullscreen": "Toàn màn hình",
  };
  function localiseAria() {
    const vi = (window.__assistantLang || document.documentElement.lang) !== "en";
    document.querySelectorAll("[aria-label]").forEach((el) => {
      const label = el.getAttribute("aria-label");
      const who = /^(bot|user)'s message: /.exec(label) || (el.dataset.who && [null, el.dataset.who]);
      if (who) {  // Gradio reads out "bot's message: <raw HTML>": say it in words, as plain text
        el.dataset.who = who[1];
        const name = who[1] === "bot" ? (vi ? "Câu trả lời" : "Answer") : (vi ? "Câu hỏi" : "Question");
        const text = `${name}: ${(el.innerText || "").slice(0, 400)}`;
        if (label !== text) el.setAttribute("aria-label", text);
        return;
      }
      if (vi && ARIA_VI[label]) { el.dataset.ariaEn = label; el.setAttribute("aria-label", ARIA_VI[label]); }
      else if (!vi && el.dataset.ariaEn && label === ARIA_VI[el.dataset.ariaEn]) el.setAttribute("aria-label", el.dataset.ariaEn);
    });
  }
  setInterval(() => { updateCounter(); localiseAria(); }, 500);  // also after Gradio re-renders or clears the box

  function sortBy(th) {
    const table = th.closest("table");
    const index = Array.from(th.parentNode.children).indexOf(th);
    const asc = th.dataset.sort !== "asc";
    table.querySelectorAll("th").forEach((h) => delete h.dataset.sort);
    th.dataset.sort = asc ? "asc" : "desc";
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const key = (r) => r.cells[index].innerText.trim();
    const num = (s) => Number(s.replace(/[^\d]/g, ""));
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      const both = /^\d/.test(x) && /^\d/.test(y);
      const c = both ? num(x) - num(y) : x.localeCompare(y, document.documentElement.lang || "vi");
      return asc ? c : -c;
    });
    rows.forEach((r) => body.appendChild(r));
  }
}
