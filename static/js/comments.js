// Comments on the (cacheable) article page: fetch a CSRF token, post the
// comment, likes and reports with fetch, show answers inline, sort the
// comments by 最热 or 最新 in the page. Every text a reader wrote is put into
// the page with textContent, never as HTML.
(function () {
  "use strict";

  var section = document.getElementById("comments");
  if (!section) { return; }
  // Absent when comments are closed: likes, reports and sorting still work.
  var form = section.querySelector(".comment-form");

  var tokenPromise = null;

  function session() {
    if (!tokenPromise) {
      tokenPromise = fetch(section.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
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

  // --- posting a comment or a reply ---------------------------------------

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

  function replyTo(id, nickname) {
    form.querySelector("input[name=parent]").value = id || "";
    var replying = form.querySelector(".comment-replying");
    replying.querySelector(".comment-replying-to").textContent = nickname || "";
    replying.hidden = !id;
  }

  if (form) {
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

    form.querySelector(".comment-reply-cancel").addEventListener("click", function () { replyTo("", ""); });
  }

  section.addEventListener("click", function (event) {
    var reply = event.target.closest(".comment-reply");
    if (reply && form) {
      event.preventDefault();
      replyTo(reply.dataset.parent, reply.dataset.nickname);
      form.querySelector("textarea[name=body]").focus();
      return;
    }
    var like = event.target.closest(".comment-like");
    if (like) {
      event.preventDefault();
      sendLike(like);
      return;
    }
    var report = event.target.closest(".comment-report");
    if (report) {
      event.preventDefault();
      openReport(report);
    }
  });

  // --- 举报 ----------------------------------------------------------------

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

  // --- 点赞 ----------------------------------------------------------------
  // The page is shared by every reader, so which comments this browser liked
  // is kept in localStorage; the server counts each reader once.

  var LIKED_KEY = "newsportal-liked-comments";

  function likedIds() {
    try { return JSON.parse(localStorage.getItem(LIKED_KEY)) || []; } catch (error) { return []; }
  }

  function remember(id) {
    var ids = likedIds().filter(function (known) { return known !== id; });
    ids.push(id);
    try { localStorage.setItem(LIKED_KEY, JSON.stringify(ids.slice(-500))); } catch (error) { /* storage off */ }
  }

  function showLiked(link, count) {
    var shown = link.querySelector(".comment-like-count");
    if (typeof count === "number") {
      shown.textContent = String(count);
      var item = link.closest("li.comment");
      if (item.dataset.likes !== undefined) { item.dataset.likes = String(count); }
    }
    link.classList.add("liked");
    link.setAttribute("aria-label", "已赞，共 " + shown.textContent + " 个赞，再点一次取消");
  }

  function forget(id) {
    var ids = likedIds().filter(function (known) { return known !== id; });
    try { localStorage.setItem(LIKED_KEY, JSON.stringify(ids)); } catch (error) { /* storage off */ }
  }

  function showUnliked(link, count) {
    var shown = link.querySelector(".comment-like-count");
    shown.textContent = String(count);
    var item = link.closest("li.comment");
    if (item.dataset.likes !== undefined) { item.dataset.likes = String(count); }
    link.classList.remove("liked");
    link.setAttribute("aria-label", "点赞，已有 " + count + " 个赞");
  }

  function likeStatus(link) {
    var status = link.parentNode.querySelector(".comment-like-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "comment-like-status comment-feedback";
      status.setAttribute("role", "status");
      link.parentNode.appendChild(status);
    }
    return status;
  }

  function sendLike(link) {
    if (link.dataset.busy) { return; }
    link.dataset.busy = "1";
    // A second tap on a comment this browser liked takes the like back.
    var body = new FormData();
    if (link.classList.contains("liked")) { body.append("undo", "1"); }
    send(link.href, body).then(function (result) {
      delete link.dataset.busy;
      if (result.liked === true) {
        remember(link.dataset.comment);
        showLiked(link, result.likes);
      } else if (result.liked === false) {
        forget(link.dataset.comment);
        showUnliked(link, result.likes);
      }
      say(likeStatus(link), result.message, result.ok);
    });
  }

  var liked = likedIds();
  section.querySelectorAll(".comment-like").forEach(function (link) {
    if (liked.indexOf(link.dataset.comment) !== -1) { showLiked(link, null); }
  });

  // --- 最热 / 最新 -----------------------------------------------------------
  // The page holds every approved comment, hottest first; re-ordered here.

  var list = section.querySelector(".comment-list");
  var sorter = section.querySelector(".comment-sort");

  function number(item, name) { return Number(item.dataset[name]) || 0; }

  // Newest first; within one second, the later comment (the higher id) first.
  function newer(a, b) {
    return number(b, "posted") - number(a, "posted") || Number(b.id.slice(8)) - Number(a.id.slice(8));
  }

  var orders = {
    hot: function (a, b) { return number(b, "likes") - number(a, "likes") || newer(a, b); },
    new: newer
  };

  function sortBy(name) {
    var items = Array.prototype.filter.call(list.children, function (item) { return item.classList.contains("comment"); });
    items.sort(orders[name]).forEach(function (item) { list.appendChild(item); });
    sorter.querySelectorAll("button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.sort === name));
    });
  }

  if (sorter && list.querySelectorAll(":scope > li.comment").length > 1) {
    sorter.hidden = false;
    sorter.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-sort]");
      if (button) { sortBy(button.dataset.sort); }
    });
  }
}());
