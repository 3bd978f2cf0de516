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
    // While the connection lasts, the server forgets the answers too.
    const server = document.querySelector(".st-key-quick_exit button");
    if (server) server.click();
    window.location.replace(NEUTRAL);
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
})();
