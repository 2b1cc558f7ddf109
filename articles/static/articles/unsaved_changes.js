// Asks before leaving the article form while something typed is not saved.
(function () {
  "use strict";

  function formState(form) {
    var parts = [];
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken") {
        parts.push(key + "=" + (typeof value === "string" ? value : value.name));
      }
    });
    return parts.join("&");
  }

  function editorChanged() {
    if (!window.CKEDITOR) {
      return false;
    }
    return Object.keys(window.CKEDITOR.instances).some(function (name) {
      return window.CKEDITOR.instances[name].checkDirty();
    });
  }

  function watch() {
    var form = document.getElementById("article_form");
    if (!form) {
      return;
    }
    var saved = formState(form);
    // A form shown again after a refused save (a conflict, a missing field)
    // holds typed work that is not saved yet.
    var refused = document.querySelector(".errornote") !== null;
    var submitting = false;
    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !(refused || editorChanged() || formState(form) !== saved)) {
        return;
      }
      event.preventDefault();
      event.returnValue = "";  // older browsers show their own "leave page?" text
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
