// 正在编辑: says who else has this article's form open, from a heartbeat to
// the server (articles/presence.py); a closed tab says goodbye at once.
(function () {
  "use strict";

  var line = document.getElementById("presence");
  var form = document.getElementById("article_form");
  if (!line || !form || !window.fetch) {
    return;
  }
  var url = line.dataset.url;
  var every = Number(line.dataset.seconds) * 1000;
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var page = Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(12)), function (byte) {
    return ("0" + byte.toString(16)).slice(-2);
  }).join("");
  var timer = null;

  function message(leaving) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("page", page);
    if (leaving) {
      data.append("leave", "1");
    }
    return data;
  }

  function show(names) {
    line.textContent = names.length ? names.join("、") + " 正在编辑此稿件" : "";
    line.hidden = names.length === 0;
  }

  function stop() {
    clearInterval(timer);
    timer = null;
  }

  function beat() {
    fetch(url, { method: "POST", body: message(false), credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          stop();  // logged out or no longer allowed: nothing more to say
          return null;
        }
        return response.json();
      })
      .then(function (answer) {
        if (answer) {
          show(answer.others);
        }
      })
      .catch(function () { /* offline for a moment: the next beat tries again */ });
  }

  function start() {
    if (timer === null) {
      beat();
      timer = setInterval(beat, every);
    }
  }

  window.addEventListener("pagehide", function () {
    stop();
    navigator.sendBeacon(url, message(true));
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      start();  // back from the browser's page cache
    }
  });
  start();
})();
