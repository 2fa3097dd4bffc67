/* Order payment page: poll the status endpoint until paid; confirm a card through Stripe.js. */
(function () {
  "use strict";
  var root = document.getElementById("order-payment");
  if (!root) { return; }
  var stateEl = document.getElementById("payment-state");

  function showStatus(data) {
    stateEl.textContent = data.state_label;
    stateEl.setAttribute("data-paid", data.paid ? "true" : "false");
    root.setAttribute("data-state", data.state);
    if (data.paid) {
      document.getElementById("paid-message").hidden = false;
      ["vietqr", "card-payment", "wallet-payment"].forEach(function (id) {
        var el = document.getElementById(id);
        if (el) { el.hidden = true; }
      });
    }
    return data.paid || data.state === "expired";
  }

  function poll(delay) {
    fetch(root.getAttribute("data-status-url"), { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (!showStatus(data)) { setTimeout(function () { poll(Math.min(delay * 1.3, 10000)); }, delay); } })
      .catch(function () { setTimeout(function () { poll(Math.min(delay * 2, 15000)); }, delay); });
  }
  if (stateEl.getAttribute("data-paid") !== "true") { poll(1500); }

  Array.prototype.forEach.call(root.querySelectorAll("[data-copy]"), function (button) {
    button.addEventListener("click", function () {
      var text = document.querySelector(button.getAttribute("data-copy")).textContent.trim();
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      function confirmCopy() {
        button.classList.add("copied");
        button.textContent = button.getAttribute("data-copied") || label;
        var status = document.getElementById("copy-status");
        if (status) { status.textContent = button.getAttribute("data-copied") || ""; }
        setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 2500);
      }
      if (navigator.clipboard) { navigator.clipboard.writeText(text).then(confirmCopy, confirmCopy); } else { confirmCopy(); }
    });
  });

  var card = document.getElementById("card-payment");
  if (!card || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(card.getAttribute("data-publishable-key"));
  var element = stripe.elements().create("card");
  element.mount("#card-element");
  var button = document.getElementById("card-pay");
  var errorEl = document.getElementById("card-error");
  var csrf = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";

  button.addEventListener("click", function () {
    button.disabled = true;
    errorEl.textContent = "";
    stripe.createPaymentMethod({ type: "card", card: element }).then(function (result) {
      if (result.error) { throw result.error; }
      return fetch(card.getAttribute("data-confirm-url"), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ payment_method: result.paymentMethod.id })
      });
    }).then(function (r) { return r.json(); }).then(function (data) {
      if (data.error) { throw data; }
      if (data.status === "requires_action") { return stripe.handleCardAction(data.client_secret); }
      return data;
    }).then(function () {
      document.getElementById("card-processing").hidden = false;
    }).catch(function (error) {
      errorEl.textContent = (error && (error.error || error.message)) || "Error";
      button.disabled = false;
    });
  });
})();
