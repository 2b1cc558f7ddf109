/* 广告位: each slot's HTML carries a few ads with their weights (ads.slots);
   show one, picked by weight, and count it once it is in view. In-article ads
   move after paragraph N of the body, list ads go after every N cards.
   Without this script the slot's first ad shows where it was rendered. */
(function () {
  "use strict";

  function pick(ads) {
    var total = 0, i;
    for (i = 0; i < ads.length; i++) total += Math.max(1, parseInt(ads[i].dataset.weight, 10) || 1);
    var r = Math.random() * total;
    for (i = 0; i < ads.length; i++) {
      r -= Math.max(1, parseInt(ads[i].dataset.weight, 10) || 1);
      if (r < 0) return ads[i];
    }
    return ads[ads.length - 1];
  }

  function counted(ad) {
    var sent = false;
    function send() {
      if (sent) return;
      sent = true;
      if (navigator.sendBeacon) navigator.sendBeacon(ad.dataset.seen);
    }
    if (!("IntersectionObserver" in window)) { send(); return; }
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) { send(); observer.disconnect(); return; }
      }
    }, { threshold: 0.5 });
    observer.observe(ad);
  }

  function placeInArticle(slot, n) {
    var body = slot.previousElementSibling;
    while (body && !body.classList.contains("article-body")) body = body.previousElementSibling;
    if (!body || !n) return;
    var paragraphs = body.querySelectorAll(":scope > p");
    if (paragraphs.length > n) paragraphs[n - 1].after(slot);
  }

  function placeInList(slot, ad, n) {
    var list = slot.previousElementSibling;
    while (list && !list.classList.contains("cards")) list = list.previousElementSibling;
    if (!list || !n) return;
    var cards = list.querySelectorAll(":scope > li");
    for (var i = n - 1; i < cards.length - 1; i += n) {
      var item = document.createElement("li");
      item.className = "card ad-card";
      item.appendChild(ad.cloneNode(true));
      cards[i].after(item);
    }
    if (list.querySelector(":scope > .ad-card")) slot.hidden = true;
  }

  function show(slot) {
    if (slot.dataset.ready) return;
    slot.dataset.ready = "1";
    var ads = slot.querySelectorAll(":scope > [data-ad]");
    if (!ads.length) return;
    var chosen = pick(ads);
    for (var i = 0; i < ads.length; i++) ads[i].hidden = ads[i] !== chosen;
    var n = parseInt(chosen.dataset.position, 10) || 0;
    if (slot.dataset.adSlot === "article") placeInArticle(slot, n);
    if (slot.dataset.adSlot === "list") placeInList(slot, chosen, n);
    counted(chosen);
  }

  function start() {
    var slots = document.querySelectorAll("[data-ad-slot]");
    for (var i = 0; i < slots.length; i++) show(slots[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
