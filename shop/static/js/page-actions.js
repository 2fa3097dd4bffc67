/* Small page behaviours written as data attributes instead of inline handlers, which the shop's
   Content-Security-Policy does not run: data-action="print" prints the page, data-action="back"
   goes back, and a dashboard image preview (data-unrecognised) hides its upload button once it
   loads and shows it again, with a message, when the file is not an image. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-action]");
    if (!target) return;
    if (target.dataset.action === "print") { event.preventDefault(); window.print(); }
    if (target.dataset.action === "back") { event.preventDefault(); window.history.go(-1); }
  });
  function uploadButton(img) {
    var box = img.hasAttribute("data-unrecognised") && img.closest(".image-input");
    return box ? box.querySelector("button[id^='upload_button_']") : null;
  }
  document.addEventListener("load", function (event) {
    var button = event.target.tagName === "IMG" && uploadButton(event.target);
    if (button) button.style.display = "none";
  }, true);
  document.addEventListener("error", function (event) {
    var img = event.target;
    var button = img.tagName === "IMG" && uploadButton(img);
    if (!button) return;
    button.style.display = "";
    window.alert(img.getAttribute("data-unrecognised"));
  }, true);
})();
