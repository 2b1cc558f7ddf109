// Comments on the (cacheable) article page: fetch a CSRF token, post the
// comment and reports with fetch, show answers inline. Every text a reader
// wrote is put into the page with textContent, never as HTML.
(function () {
  "use strict";

  var section = document.getElementById("comments");
  var form = section && section.querySelector(".comment-form");
  if (!form) { return; }

  var tokenPromise = null;

  function session() {
    if (!tokenPromise) {
      tokenPromise = fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) { throw new Error("token"); }
          return response.json();
        })
        .catch(function (error) { tokenPromise = null; throw error; });
    }
    return tokenPromise;
  }

  function send(url, data) {
    return session().then(function (state) {
      return fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": state.csrfToken }
      });
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, message: "提交失败，请稍后再试。" }; });
    }, function () {
      return { ok: false, message: "网络异常，请稍后再试。" };
    });
  }

  function say(element, text, ok) {
    element.textContent = text || "";
    element.classList.toggle("error", !ok);
    element.classList.toggle("success", !!ok);
  }

  function showErrors(errors) {
    form.querySelectorAll(".errorlist").forEach(function (list) {
      var messages = (errors && errors[list.dataset.for]) || [];
      list.textContent = "";
      messages.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      list.hidden = messages.length === 0;
    });
  }

  var parentInput = form.querySelector("input[name=parent]");
  var replying = form.querySelector(".comment-replying");

  function replyTo(id, nickname) {
    parentInput.value = id || "";
    replying.querySelector(".comment-replying-to").textContent = nickname || "";
    replying.hidden = !id;
  }

  // A logged-in reader comments under their account name.
  session().then(function (state) {
    if (state.nickname) {
      var nickname = form.querySelector("input[name=nickname]");
      nickname.value = state.nickname;
      nickname.readOnly = true;
    }
  }, function () {});

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var feedback = form.querySelector(".comment-feedback");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(feedback, "正在提交…", true);
    send(form.dataset.postUrl, new FormData(form)).then(function (result) {
      button.disabled = false;
      showErrors(result.errors);
      say(feedback, result.message, result.ok);
      if (result.ok) {
        form.querySelector("textarea[name=body]").value = "";
        replyTo("", "");
      }
    });
  });

  replying.querySelector(".comment-reply-cancel").addEventListener("click", function () { replyTo("", ""); });

  section.addEventListener("click", function (event) {
    var reply = event.target.closest(".comment-reply");
    if (reply) {
      event.preventDefault();
      replyTo(reply.dataset.parent, reply.dataset.nickname);
      form.querySelector("textarea[name=body]").focus();
      return;
    }
    var report = event.target.closest(".comment-report");
    if (report) {
      event.preventDefault();
      openReport(report);
    }
  });

  var reasons = [["spam", "垃圾广告"], ["abuse", "辱骂攻击"], ["vulgar", "色情低俗"],
                 ["illegal", "违法违规"], ["rumor", "谣言不实"], ["other", "其他"]];

  function openReport(link) {
    var holder = link.parentNode;
    if (holder.querySelector(".report-form")) { return; }
    var box = document.createElement("form");
    box.className = "report-form";
    var select = document.createElement("select");
    select.name = "reason";
    select.setAttribute("aria-label", "举报理由");
    reasons.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    var submit = document.createElement("button");
    submit.type = "submit";
    submit.textContent = "提交举报";
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    box.append(select, " ", submit, " ", status);
    holder.appendChild(box);
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      submit.disabled = true;
      send(link.href, new FormData(box)).then(function (result) {
        say(status, result.message, result.ok);
        submit.disabled = result.ok;
      });
    });
  }
}());
