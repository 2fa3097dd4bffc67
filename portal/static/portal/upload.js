/* Photo uploads over a weak link: one request per photo, a progress bar each, and a retry that
   re-sends the same idempotency key so the server never keeps a photo twice. Plain JS. */
(function () {
  "use strict";
  var form = document.querySelector("[data-photo-upload]");
  if (!form) { return; }
  var input = form.querySelector("input[type=file]");
  var list = form.querySelector("[data-upload-list]");
  var template = document.getElementById("upload-row");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = 0;

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }

  function send(file, key, row) {
    var bar = row.querySelector("progress");
    var state = row.querySelector("[data-state]");
    var retry = row.querySelector("[data-retry]");
    var xhr = new XMLHttpRequest();
    var data = new FormData();
    data.append("photo", file);
    data.append("idempotency_key", key);
    retry.hidden = true;
    bar.value = 0;
    state.textContent = form.dataset.textSending;
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRFToken", csrf);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.timeout = 120000;
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) { bar.value = Math.round(100 * event.loaded / event.total); }
    };
    xhr.onload = function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
      if (xhr.status === 200 || xhr.status === 201 || xhr.status === 202) {
        bar.value = 100;
        state.textContent = form.dataset.textDone;
        row.classList.add("done");
        finished();
      } else if (xhr.status === 400 || xhr.status === 413) {
        state.textContent = answer.error || form.dataset.textFailed;
        row.classList.add("refused");
        finished();
      } else {
        failed();
      }
    };
    function failed() {
      state.textContent = form.dataset.textFailed;
      retry.hidden = false;
      retry.onclick = function () { send(file, key, row); };
    }
    xhr.onerror = failed;
    xhr.ontimeout = failed;
    xhr.send(data);
  }

  function finished() {
    pending -= 1;
    if (pending === 0 && !list.querySelector(".refused")) { window.location.reload(); }
  }

  input.addEventListener("change", function () {
    Array.prototype.forEach.call(input.files, function (file) {
      var row = template.content.firstElementChild.cloneNode(true);
      row.querySelector("[data-name]").textContent = file.name;
      list.appendChild(row);
      pending += 1;
      send(file, newKey(), row);
    });
    input.value = "";
  });
})();
