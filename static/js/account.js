// The reader's own bits on pages that are cached whole and shared: the
// nickname in the header (from the np_reader cookie, set at login), the
// 收藏 button, and the reading history kept in this browser's localStorage.
// Every text goes into the page with textContent, never as HTML.
(function () {
  "use strict";

  var HISTORY_KEY = "np_history";
  var HISTORY_SIZE = 100;

  function nickname() {
    var match = document.cookie.match(/(?:^|;\s*)np_reader=([^;]*)/);
    if (!match) { return ""; }
    try { return decodeURIComponent(match[1]); } catch (error) { return ""; }
  }

  function readHistory() {
    try {
      var items = JSON.parse(window.localStorage.getItem(HISTORY_KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) { return []; }
  }

  function writeHistory(items) {
    try { window.localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, HISTORY_SIZE))); } catch (error) { /* private mode or full */ }
  }

  function remember(url, title) {
    var items = readHistory().filter(function (item) { return item && item.url !== url; });
    items.unshift({ url: url, title: title, at: new Date().toISOString() });
    writeHistory(items);
  }

  function showAccount(name) {
    var link = document.querySelector(".account-link");
    if (!link) { return; }
    if (name) {
      link.textContent = name;
      link.href = link.dataset.profileUrl;
      link.classList.add("logged-in");
    } else if (location.pathname.indexOf("/members/") !== 0) {
      link.href = link.getAttribute("href").split("?")[0] + "?next=" + encodeURIComponent(location.pathname);
    }
  }

  function csrfToken() {
    return fetch("/comments/token/", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) { return state.csrfToken; });
  }

  function setUpBookmark(link, name) {
    remember(link.dataset.articleUrl, link.dataset.articleTitle);
    if (!name) { return; }  // the link leads to the login page, then back
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var done = link.classList.contains("bookmarked");
      var body = new FormData();
      if (done) { body.append("remove", "1"); }
      csrfToken().then(function (token) {
        return fetch(link.href, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRFToken": token }
        });
      }).then(function (response) { return response.json(); }).then(function (answer) {
        link.classList.toggle("bookmarked", !!answer.bookmarked);
        link.textContent = answer.bookmarked ? "★ 已收藏" : "☆ 收藏";
        link.title = answer.message || "";
      }).catch(function () { window.location.href = link.href; });
    });
  }

  function showHistory(list) {
    var items = readHistory();
    if (!items.length) { return; }
    list.textContent = "";
    items.forEach(function (item) {
      if (!item || typeof item.url !== "string" || !/^\/[^\/\\]/.test(item.url)) { return; }
      var row = document.createElement("li");
      var title = document.createElement("p");
      title.className = "members-list-title";
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title || item.url;
      title.appendChild(link);
      var when = document.createElement("p");
      when.className = "members-list-meta";
      var at = new Date(item.at);
      when.textContent = isNaN(at) ? "" : "阅读于 " + at.toLocaleString("zh-CN", { hour12: false });
      row.appendChild(title);
      row.appendChild(when);
      list.appendChild(row);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var name = nickname();
    showAccount(name);
    var bookmark = document.querySelector(".bookmark-link");
    if (bookmark) { setUpBookmark(bookmark, name); }
    var list = document.getElementById("reading-history");
    if (list) {
      showHistory(list);
      document.getElementById("reading-history-clear").addEventListener("click", function () {
        writeHistory([]);
        list.textContent = "";
        var empty = document.createElement("li");
        empty.className = "members-empty";
        empty.textContent = list.dataset.empty;
        list.appendChild(empty);
      });
    }
  });
})();
