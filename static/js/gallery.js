// 图集: the article's photos in a full-screen viewer. Tap a photo to open it;
// swipe, the arrow keys or the buttons move between photos, "3 / 12" says
// where you are, tapping the picture shows the original at full size, Esc or
// 关闭 closes. Each picture is fetched only when shown (and its neighbours
// just before). Without JavaScript the photos stay stacked in the page.
"use strict";
(function () {
  var SWIPE_PIXELS = 50;

  function largestFromSrcset(img) {
    var best = img.currentSrc || img.src, bestWidth = 0;
    (img.getAttribute("srcset") || "").split(",").forEach(function (candidate) {
      var parts = candidate.trim().split(/\s+/), width = parseInt(parts[1], 10) || 0;
      if (parts[0] && width > bestWidth) { best = parts[0]; bestWidth = width; }
    });
    return best;
  }

  function build() {
    var viewer = document.createElement("div");
    viewer.className = "viewer";
    viewer.hidden = true;
    viewer.setAttribute("role", "dialog");
    viewer.setAttribute("aria-modal", "true");
    viewer.setAttribute("aria-label", "图集");
    viewer.innerHTML =
      '<div class="viewer-bar"><span class="viewer-count" aria-live="polite"></span>' +
      '<button type="button" class="viewer-close" aria-label="关闭">关闭 ✕</button></div>' +
      '<div class="viewer-stage"><img class="viewer-img" alt=""></div>' +
      '<button type="button" class="viewer-prev" aria-label="上一张">‹</button>' +
      '<button type="button" class="viewer-next" aria-label="下一张">›</button>' +
      '<p class="viewer-caption"></p>';
    document.body.appendChild(viewer);
    return viewer;
  }

  function Gallery(figures) {
    this.photos = figures.map(function (figure) {
      var img = figure.querySelector("img"), caption = figure.querySelector("figcaption");
      return { fitted: largestFromSrcset(img), original: figure.getAttribute("data-original"),
               alt: img.alt, caption: caption ? caption.textContent.trim() : "" };
    });
    this.viewer = build();
    this.img = this.viewer.querySelector(".viewer-img");
    this.stage = this.viewer.querySelector(".viewer-stage");
    this.index = 0;
    this.opener = null;
    var self = this;
    figures.forEach(function (figure, index) {
      figure.classList.add("viewable");
      figure.setAttribute("tabindex", "0");
      figure.setAttribute("role", "button");
      figure.setAttribute("aria-label", "查看大图 " + (index + 1) + " / " + figures.length);
      figure.addEventListener("click", function () { self.open(index, figure); });
      figure.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); self.open(index, figure); }
      });
    });
    this.viewer.querySelector(".viewer-close").addEventListener("click", function () { self.close(); });
    this.viewer.querySelector(".viewer-prev").addEventListener("click", function () { self.show(self.index - 1); });
    this.viewer.querySelector(".viewer-next").addEventListener("click", function () { self.show(self.index + 1); });
    this.img.addEventListener("click", function () { self.toggleZoom(); });
    document.addEventListener("keydown", function (event) {
      if (self.viewer.hidden) return;
      if (event.key === "ArrowLeft") self.show(self.index - 1);
      else if (event.key === "ArrowRight") self.show(self.index + 1);
      else if (event.key === "Escape") self.close();
    });
    var startX = null, startY = null;
    this.stage.addEventListener("touchstart", function (event) {
      if (event.touches.length !== 1) { startX = null; return; }
      startX = event.touches[0].clientX; startY = event.touches[0].clientY;
    }, { passive: true });
    this.stage.addEventListener("touchend", function (event) {
      if (startX === null || self.viewer.classList.contains("zoomed")) return;
      var dx = event.changedTouches[0].clientX - startX, dy = event.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > SWIPE_PIXELS && Math.abs(dx) > Math.abs(dy)) self.show(self.index + (dx < 0 ? 1 : -1));
    });
  }

  Gallery.prototype.open = function (index, opener) {
    this.opener = opener;
    this.viewer.hidden = false;
    document.documentElement.classList.add("viewer-open");
    this.show(index);
    this.viewer.querySelector(".viewer-close").focus();
  };

  Gallery.prototype.close = function () {
    this.viewer.hidden = true;
    this.viewer.classList.remove("zoomed");
    document.documentElement.classList.remove("viewer-open");
    if (this.opener) this.opener.focus();
  };

  Gallery.prototype.show = function (index) {
    var count = this.photos.length;
    this.index = (index + count) % count;
    var photo = this.photos[this.index];
    this.viewer.classList.remove("zoomed");
    this.img.src = photo.fitted;
    this.img.alt = photo.alt;
    this.viewer.querySelector(".viewer-count").textContent = (this.index + 1) + " / " + count;
    this.viewer.querySelector(".viewer-caption").textContent = photo.caption;
    [this.index + 1, this.index - 1].forEach(function (neighbour) {
      new Image().src = this.photos[(neighbour + count) % count].fitted;
    }, this);
  };

  Gallery.prototype.toggleZoom = function () {
    var photo = this.photos[this.index];
    if (this.viewer.classList.toggle("zoomed")) {
      if (photo.original) this.img.src = photo.original;
    } else {
      this.img.src = photo.fitted;
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
      var figures = Array.prototype.slice.call(gallery.querySelectorAll("figure.photo"));
      if (figures.length) new Gallery(figures);
    });
  });
})();
