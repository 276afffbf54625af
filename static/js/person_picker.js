// Person pickers (members/pickers.py): type a name, pinyin initials or a phone ending, pick from the
// list the server finds; the chosen people are the selected options of a hidden <select>.
(function () {
  "use strict";

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("input[type=search]");
    var results = box.querySelector("[data-results]");
    var chosen = box.querySelector("[data-chosen]");
    var select = box.querySelector("select");
    var timer = null;

    function showChosen() {
      chosen.replaceChildren();
      Array.prototype.forEach.call(select.options, function (option) {
        var chip = document.createElement("span");
        chip.className = "badge text-bg-light border d-inline-flex align-items-center gap-1";
        chip.textContent = option.text;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn-close btn-close-sm";
        remove.setAttribute("aria-label", "移除 " + option.text);
        remove.addEventListener("click", function () {
          option.remove();
          showChosen();
        });
        chip.appendChild(remove);
        chosen.appendChild(chip);
      });
    }

    function pick(person) {
      if (!select.multiple) select.replaceChildren();
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === String(person.id); });
      if (!known) select.add(new Option(person.label, person.id, true, true));
      input.value = "";
      results.replaceChildren();
      showChosen();
    }

    function search() {
      var text = input.value.trim();
      if (!text) { results.replaceChildren(); return; }
      var query = new URLSearchParams({ q: text, scope: box.dataset.scope });
      fetch(box.dataset.url + "?" + query, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (input.value.trim() !== text) return;
          results.replaceChildren();
          if (!data.results.length) {
            var none = document.createElement("div");
            none.className = "list-group-item small text-body-secondary";
            none.textContent = "未找到，请换个写法（姓名、拼音首字母或手机尾号）";
            results.appendChild(none);
          }
          data.results.forEach(function (person) {
            var item = document.createElement("button");
            item.type = "button";
            item.className = "list-group-item list-group-item-action";
            item.textContent = person.label;
            item.addEventListener("click", function () { pick(person); });
            results.appendChild(item);
          });
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      var first = results.querySelector("button");
      if (event.key === "Enter" && first) { event.preventDefault(); first.click(); }
    });
    showChosen();
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-person-picker]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  document.addEventListener("htmx:load", function (event) { setUpAll(event.detail.elt); });
})();
