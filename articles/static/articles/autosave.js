// Autosave: sends the form's content fields to the server as this person's
// draft copy whenever they changed, and offers a kept draft back
// (articles/autosave.py). Nothing here saves the article itself.
(function () {
  "use strict";

  var box = document.getElementById("autosave");
  var form = document.getElementById("article_form");
  if (!box || !form || !window.fetch) {
    return;
  }
  var url = box.dataset.url;
  var every = Number(box.dataset.seconds) * 1000;
  var names = box.dataset.fields.split(" ").filter(function (name) { return form.elements[name]; });
  var status = box.querySelector(".autosave-status");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;

  function editorOf(name) {
    var field = form.elements[name];
    return window.CKEDITOR && field.id && window.CKEDITOR.instances[field.id];
  }

  function fields(original) {
    var values = {};
    names.forEach(function (name) {
      var editor = editorOf(name);
      if (original) {
        values[name] = form.elements[name].defaultValue;
      } else {
        values[name] = editor && editor.status === "ready" ? editor.getData() : form.elements[name].value;
      }
    });
    return values;
  }

  // What the server has: the form as opened, the body as CKEditor writes it
  // once ready. A form shown again after a refused save holds unsaved work.
  var sent = document.querySelector(".errornote") ? "" : JSON.stringify(fields(true));
  function asOpenedIn(editor) {
    var opened = JSON.parse(sent);
    names.forEach(function (name) {
      if (editorOf(name) === editor && !editor.checkDirty()) {
        opened[name] = editor.getData();
      }
    });
    sent = JSON.stringify(opened);
  }
  if (window.CKEDITOR && sent) {
    names.forEach(function (name) {
      var editor = editorOf(name);
      if (editor && editor.status === "ready") {
        asOpenedIn(editor);
      }
    });
    window.CKEDITOR.on("instanceReady", function (event) { asOpenedIn(event.editor); });
  }

  function request(method, body) {
    return fetch(url, {
      method: method,
      body: body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) {
          var failure = new Error(answer.error || "");
          failure.status = response.status;
          throw failure;
        }
        return answer;
      });
    });
  }

  var saving = false;
  function save() {
    var now = JSON.stringify(fields(false));
    if (saving || now === sent) {
      return;
    }
    saving = true;
    request("POST", JSON.stringify({ version: form.elements.version.value, fields: JSON.parse(now) }))
      .then(function (answer) {
        sent = now;
        status.textContent = "已于 " + answer.saved_at + " 自动保存（未提交，保存后才生效）";
      })
      .catch(function (failure) {
        if (failure.status === 409) {
          clearInterval(timer);  // someone saved since: what is typed now is for the conflict page
        }
        status.textContent = failure.message || "自动保存没有成功，请记得点保存。";
      })
      .then(function () { saving = false; });
  }
  var timer = setInterval(save, every);
  form.addEventListener("submit", function () {
    clearInterval(timer);  // the save itself is on its way
  });

  var offer = box.querySelector(".autosave-offer");
  if (!offer) {
    return;
  }
  function fill(draft) {
    Object.keys(draft).forEach(function (name) {
      if (names.indexOf(name) === -1) {
        return;
      }
      var editor = editorOf(name);
      if (editor) {
        editor.setData(draft[name]);
      }
      form.elements[name].value = draft[name];
      form.elements[name].dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
  offer.addEventListener("click", function (event) {
    var action = event.target.dataset.autosave;
    if (action === "restore") {
      fill(JSON.parse(document.getElementById("autosave-draft").textContent));
      offer.remove();
      status.textContent = "已恢复自动保存的内容，检查后请点保存。";
    } else if (action === "discard") {
      request("DELETE")
        .then(function () {
          offer.remove();
          status.textContent = "已丢弃自动保存的内容。";
        })
        .catch(function (failure) {
          status.textContent = failure.message || "没能丢弃，请稍后再试。";
        });
    }
  });
})();
