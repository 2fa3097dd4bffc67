/* The diary form shows only the fields of the chosen kind of entry (the form lists them in each
   field's data-event-kinds); without this script every field shows and the server keeps the
   right ones. */
(function () {
  "use strict";
  var form = document.querySelector(".diary-form");
  if (!form) return;
  var kind = form.querySelector("[data-event-kind]");
  var fields = form.querySelectorAll("[data-event-kinds]");
  function wrapper(field) {
    return field.closest("p, .field, div") || field;
  }
  function show() {
    fields.forEach(function (field) {
      var used = field.getAttribute("data-event-kinds").split(" ").indexOf(kind.value) !== -1;
      wrapper(field).hidden = !used;
      field.disabled = !used;
    });
  }
  kind.addEventListener("change", show);
  show();
})();
