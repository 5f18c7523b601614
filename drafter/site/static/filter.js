// Filter the comments of one draft by unit and by response. The page reads
// fully without it: the form stays hidden and every comment shows.
(function () {
  "use strict";
  var form = document.querySelector("form.filter");
  if (!form) {
    return;
  }
  var unit = document.getElementById("loc-don-vi");
  var response = document.getElementById("loc-ket-qua");
  var count = document.getElementById("so-y-kien");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.comment"));

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var visible =
        (unit.value === "" || item.getAttribute("data-unit") === unit.value) &&
        (response.value === "" || item.getAttribute("data-response") === response.value);
      item.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    count.textContent = shown === items.length
      ? items.length + " ý kiến"
      : "Đang hiển thị " + shown + " trên " + items.length + " ý kiến";
  }

  unit.addEventListener("change", apply);
  response.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  apply();
})();
