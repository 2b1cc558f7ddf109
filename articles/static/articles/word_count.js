// 字数 and an estimated reading time under the article body, as the journalist types.
"use strict";
(function () {
  var CHARACTERS_PER_MINUTE = 400; // a usual reading speed for Chinese text

  function countOf(text) {
    return text.replace(/\s+/g, "").length;
  }

  function show(line, text) {
    var count = countOf(text);
    line.textContent = "字数 " + count + " · 约 " + Math.max(1, Math.ceil(count / CHARACTERS_PER_MINUTE)) + " 分钟读完";
  }

  function textOfHtml(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("id_body");
    if (!body) return;
    var line = document.createElement("p");
    line.className = "help word-count";
    line.setAttribute("aria-live", "polite");
    var row = body.closest(".form-row") || body.parentNode;
    row.appendChild(line);
    show(line, textOfHtml(body.value));
    body.addEventListener("input", function () { show(line, textOfHtml(body.value)); });
    if (!window.CKEDITOR) return;
    CKEDITOR.on("instanceReady", function (event) {
      var editor = event.editor;
      if (editor.element.$ !== body) return;
      var update = function () { show(line, editor.document ? editor.document.getBody().getText() : textOfHtml(editor.getData())); };
      editor.on("change", update);
      editor.on("key", function () { setTimeout(update, 0); });
      editor.on("mode", update);
      update();
    });
  });
})();
