// Suggests existing tags for the word being typed in a comma-separated tag
// field, from the admin's own autocomplete endpoint. New tags can still be typed.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-tag-autocomplete]")) {
    const list = document.getElementById(input.getAttribute("list"));
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const parts = input.value.split(/[,，、；;]/);
        const term = parts.pop().trim();
        if (!term) { list.replaceChildren(); return; }
        const url = new URL(input.dataset.tagAutocomplete, window.location.href);
        url.searchParams.set("term", term);
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        const data = await response.json();
        const prefix = parts.map((p) => p.trim()).filter(Boolean).join(", ");
        list.replaceChildren(...data.results.map((tag) => {
          const option = document.createElement("option");
          option.value = prefix ? `${prefix}, ${tag.text}` : tag.text;
          return option;
        }));
      }, 200);
    });
  }
});
