// The app's script in the browser, put in the page once by ui/scripts.py. Fixed text: nothing
// in it comes from a user or from the server. NEUTRAL (the neutral site) is defined before it.
(() => {
  if (window.elementsBrowser) return;  // once per page load, however often Streamlit redraws
  window.elementsBrowser = true;
  const MARK = "elements.left";  // in this tab's session storage once the quick exit was used

  // Quick exit, in the browser itself: no round trip, so it works with the connection lost.
  function leave() {
    try { sessionStorage.setItem(MARK, "1"); } catch (e) { /* storage refused: leave anyway */ }
    // Nothing to see while the neutral site loads, nor if the browser ever restores this page.
    document.documentElement.style.visibility = "hidden";
    // While the connection lasts, the server forgets the answers too: the click's message
    // gets a moment (unseen: the page is hidden already) to leave before the tab does.
    const server = document.querySelector(".st-key-quick_exit button");
    if (server) {
      server.click();
      setTimeout(() => window.location.replace(NEUTRAL), 40);
    } else {
      window.location.replace(NEUTRAL);
    }
  }

  // Back after an exit may reach the app's address again (every step has one): leave again,
  // whether the page is loaded anew or restored from the back-forward cache.
  function check() {
    let left = false;
    try { left = sessionStorage.getItem(MARK) !== null; } catch (e) { /* no storage: no mark */ }
    if (left) leave();
  }
  check();
  window.addEventListener("pageshow", check);

  // The control, first in the page, so it is the first Tab stop; a plain link to the neutral
  // site if this script stopped here.
  const exit = document.createElement("a");
  exit.href = NEUTRAL;
  exit.className = "el-quick-exit";
  exit.textContent = "Quick exit";
  exit.title = "Leave at once for a neutral website (or press Shift three times)";
  exit.addEventListener("click", (event) => { event.preventDefault(); leave(); });
  document.body.prepend(exit);

  // Shift pressed three times, each within 5 seconds of the last (GOV.UK's pattern); Shift held
  // for another key does not count.
  let presses = 0, timer = null, shifted = false;
  document.addEventListener("keyup", (event) => {
    if (event.key === "Shift" && !shifted) {
      presses += 1;
      clearTimeout(timer);
      if (presses >= 3) { presses = 0; leave(); return; }
      timer = setTimeout(() => { presses = 0; }, 5000);
    } else if (event.key !== "Shift") {
      presses = 0;
    }
    shifted = event.shiftKey;
  }, true);

  // A new step (Next, Back, a Change link, the browser's Back and Forward) starts at its
  // heading, with keyboard focus there. The page's first step keeps the page's own start.
  let shown = null;
  new MutationObserver(() => {
    const step = document.querySelector("[class*='st-key-step_']");
    const name = step && [...step.classList].find((c) => c.startsWith("st-key-step_"));
    if (!name || name === shown) return;
    const first = shown === null;
    shown = name;
    const heading = step.querySelector("h2");
    if (first || !heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }).observe(document.body, { childList: true, subtree: true });

  // The classroom: a new step (a vote, a finding, the outcome) is brought into view whole.
  let place = null;
  new MutationObserver(() => {
    const marker = document.querySelector("[class*='st-key-cls_at_']");
    const name = marker && [...marker.classList].find((c) => c.startsWith("st-key-cls_at_"));
    if (!name || name === place) return;
    const first = place === null;  // the page as it opens keeps its own start, the controls first
    place = name;
    if (first) return;
    const stage = document.querySelector(".st-key-cls_stage");
    const box = stage && stage.getBoundingClientRect();
    if (box && (box.top < 0 || box.bottom > window.innerHeight)) stage.scrollIntoView({ block: "start" });
  }).observe(document.body, { childList: true, subtree: true });

  // The classroom's keys: → , Space and a clicker's Page Down press the page's Next button;
  // ← and Page Up its Back. Keys that type, choose or press the control in focus are left to it.
  const CHOOSING = "input, textarea, select, [contenteditable], [role=combobox], [role=listbox], "
    + "[role=radiogroup], [role=slider], [role=tablist], [role=menu]";
  const PRESSING = "button, a, summary, label, [role=button], [role=switch], [role=checkbox], [role=radio]";
  document.addEventListener("keydown", (event) => {
    const ahead = ["ArrowRight", " ", "PageDown"].includes(event.key);
    if (!(ahead || ["ArrowLeft", "PageUp"].includes(event.key))) return;
    if (event.altKey || event.ctrlKey || event.metaKey || !document.querySelector(".st-key-cls_stage")) return;
    const target = event.target instanceof Element ? event.target : document.body;
    const clicker = event.key.startsWith("Page");  // a clicker sends these whatever has focus
    if (!clicker && target.closest(CHOOSING)) return;
    if (event.key === " " && target.closest(PRESSING)) return;
    const button = document.querySelector(ahead ? ".st-key-cls_next button" : ".st-key-cls_back button");
    if (!button) return;
    event.preventDefault();
    if (event.repeat) return;  // a key held down takes one step
    const typing = document.activeElement;
    if (typing && typing.matches("input, textarea")) {
      typing.blur();  // a count typed and not yet entered is entered first
      setTimeout(() => button.click(), 150);
    } else {
      button.click();
    }
  }, true);
})();
