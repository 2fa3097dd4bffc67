/* Photo uploads over a weak link: each photo made small in the browser first, one request per
   photo with a progress bar, and retries that re-send the same idempotency key (after a dropped
   connection, when the signal returns, or by hand) so the server never keeps a photo twice. */
import { shrinkPhoto } from "./photo-resize.js";
import { newKey } from "./outbox.js";

const form = document.querySelector("[data-photo-upload]");
const RETRY_DELAYS_MS = [2000, 5000, 10000, 20000, 30000];

if (form) {
  const input = form.querySelector("input[type=file]");
  const list = form.querySelector("[data-upload-list]");
  const template = document.getElementById("upload-row");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const longSide = parseInt(form.dataset.longSide || "2000", 10);
  let pending = 0;

  const finished = () => {
    pending -= 1;
    if (pending === 0 && !list.querySelector(".refused")) { window.location.reload(); }
  };

  const send = (file, key, row, attempt) => {
    const bar = row.querySelector("progress");
    const state = row.querySelector("[data-state]");
    const retry = row.querySelector("[data-retry]");
    const xhr = new XMLHttpRequest();
    const data = new FormData();
    data.append("photo", file, file.name);
    data.append("idempotency_key", key);
    retry.hidden = true;
    bar.value = 0;
    state.textContent = form.dataset.textSending;
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRFToken", csrf);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.timeout = 120000;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) { bar.value = Math.round(100 * event.loaded / event.total); }
    };
    let timer = null;
    const again = () => {
      clearTimeout(timer);
      window.removeEventListener("online", again);
      send(file, key, row, attempt + 1);
    };
    const failed = () => {
      state.textContent = form.dataset.textFailed;
      retry.hidden = false;
      retry.onclick = again;
      window.addEventListener("online", again);
      if (attempt < RETRY_DELAYS_MS.length && navigator.onLine) { timer = setTimeout(again, RETRY_DELAYS_MS[attempt]); }
    };
    xhr.onload = () => {
      let answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (error) { answer = {}; }
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
    xhr.onerror = failed;
    xhr.ontimeout = failed;
    xhr.send(data);
  };

  input.addEventListener("change", () => {
    const files = Array.from(input.files);
    input.value = "";
    for (const original of files) {
      const row = template.content.firstElementChild.cloneNode(true);
      row.querySelector("[data-name]").textContent = original.name;
      row.querySelector("[data-state]").textContent = form.dataset.textPreparing || "";
      list.appendChild(row);
      pending += 1;
      shrinkPhoto(original, longSide).then((small) => send(small, newKey(), row, 0));
    }
  });
}
