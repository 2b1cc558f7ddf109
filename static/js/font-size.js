/* A-/A+ on the article page: the reader's text size, kept in localStorage on
   this device. Loaded in <head> without defer, so the size is set on <html>
   before the body is drawn (no flash of the default size); the buttons are
   wired once the page is parsed. Without JavaScript they stay hidden. */
(function () {
  "use strict";
  var KEY = "np-font-step", MIN = -1, MAX = 3;
  var root = document.documentElement;

  function clamp(n) { return Math.max(MIN, Math.min(MAX, n)); }
  function stored() {
    try { var n = parseInt(window.localStorage.getItem(KEY), 10); return isNaN(n) ? 0 : clamp(n); }
    catch (e) { return 0; }  // storage off (some private modes): the default size
  }
  function apply(n) {
    if (n) root.setAttribute("data-font-step", String(n)); else root.removeAttribute("data-font-step");
  }
  var step = stored();
  apply(step);

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector(".font-size");
    if (!tools) return;
    var smaller = tools.querySelector("[data-step='-1']");
    var larger = tools.querySelector("[data-step='1']");
    function show() {
      smaller.disabled = step <= MIN;
      larger.disabled = step >= MAX;
    }
    tools.hidden = false;
    show();
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-step]");
      if (!button) return;
      step = clamp(step + parseInt(button.getAttribute("data-step"), 10));
      try { window.localStorage.setItem(KEY, String(step)); } catch (e) { /* this page only */ }
      apply(step);
      show();
    });
  });
})();
