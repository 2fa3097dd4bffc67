// Co-op phone orders: the commune/ward list follows the province; copy buttons for SMS and Zalo.
(function () {
  "use strict";
  var form = document.querySelector("form[data-wards-url]");
  if (form) {
    var province = form.querySelector("select[name=province]");
    var ward = form.querySelector("select[name=ward]");
    var base = form.getAttribute("data-wards-url").replace(/0\/$/, "");
    province.addEventListener("change", function () {
      if (!province.value) { return; }
      fetch(base + province.value + "/").then(function (r) { return r.json(); }).then(function (data) {
        while (ward.options.length > 1) { ward.remove(1); }
        data.wards.forEach(function (w) { ward.add(new Option(w[1], w[0])); });
      });
    });
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      source.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(source.value); } else { document.execCommand("copy"); }
    });
  });
})();
