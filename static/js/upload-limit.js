// A form whose files would push its body over what the server accepts is
// stopped here, before sending: the server could only answer 413 with a
// page of its own, and everything typed in the form would be lost.
// The limit is on the form, or on an element inside it: data-upload-limit="bytes".
(function () {
  "use strict";

  function megabytes(bytes) {
    return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "") + " MB";
  }

  function bodySize(form, submitter) {
    var size = 0;
    new FormData(form, submitter).forEach(function (value, name) {
      // A multipart part's own headers take about 200 bytes.
      size += 200 + new Blob([name]).size + (value instanceof Blob ? value.size : new Blob([value]).size);
    });
    return size;
  }

  function lastChosenFile(form) {
    var inputs = Array.prototype.filter.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length;
    });
    return inputs[inputs.length - 1];
  }

  function notice(form) {
    var shown = form.querySelector(".upload-limit-error");
    if (!shown) {
      shown = document.createElement("p");
      shown.className = "errorlist upload-limit-error";
      shown.setAttribute("role", "alert");
      form.insertBefore(shown, form.firstChild);
    }
    return shown;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "file" && input.form) {
      input.setCustomValidity("");
      var shown = input.form.querySelector(".upload-limit-error");
      if (shown) shown.remove();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var marked = form.matches("[data-upload-limit]") ? form : form.querySelector("[data-upload-limit]");
    var input = marked && lastChosenFile(form);
    if (!input) return;
    var limit = Number(marked.getAttribute("data-upload-limit"));
    var size = bodySize(form, event.submitter);
    if (!limit || size <= limit) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    var message = "所选文件连同表单共约 " + megabytes(size) + "，超过了 " + megabytes(limit) +
      " 的上限，未提交。请换较小的文件后再提交，已填写的内容都还在。";
    notice(form).textContent = message;
    input.setCustomValidity(message);
    input.reportValidity();
  }, true);
})();
