/* The share block's 复制链接: the Clipboard API where the page may use it
   (HTTPS), else the old select-and-copy on the link's own field, else a
   word to copy it by hand. Without JavaScript the field is there to copy. */
(function () {
  "use strict";
  var block = document.querySelector(".share");
  if (!block) return;
  var button = block.querySelector(".share-copy");
  var field = block.querySelector(".share-url input");
  var feedback = block.querySelector(".share-feedback");
  button.hidden = false;

  function say(text) { feedback.textContent = text; }

  function copyBySelection() {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    say(done ? "链接已复制" : "请长按或选中上面的链接复制");
  }

  button.addEventListener("click", function () {
    var url = button.getAttribute("data-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say("链接已复制"); }, copyBySelection);
    } else {
      copyBySelection();
    }
  });
  field.addEventListener("focus", function () { field.select(); });
})();
