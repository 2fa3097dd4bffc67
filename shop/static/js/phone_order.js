// Co-op phone orders: copy buttons for the SMS and Zalo text and the payment link.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      source.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(source.value); } else { document.execCommand("copy"); }
    });
  });
})();
