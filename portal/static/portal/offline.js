/* The portal and the diary on a weak link: installs the service worker, shows whether the phone
   is online, and keeps what the producer enters in the outbox until the server has it.

   A form marked data-offline is never lost: on submit it goes to the outbox first, then is sent
   at once when there is a connection; without one it waits ("waiting to send") and is sent when
   the connection returns (Background Sync, or on `online`/focus). Waiting entries can be edited
   (back into their form) or discarded. Texts come from the page (data-text-*), in its language. */
import { addEntry, getEntry, listEntries, removeEntry, sendWaiting, REFUSED } from "./outbox.js";
import { shrinkPhoto } from "./photo-resize.js";

const bar = document.querySelector("[data-offline-bar]");
const text = (name) => (bar ? bar.dataset["text" + name] || "" : "");
const keptFiles = new WeakMap();

async function installWorker() {
  if (!("serviceWorker" in navigator) || !bar) { return null; }
  try {
    await navigator.serviceWorker.register(bar.dataset.worker, { scope: "/", type: "module" });
    const registration = await navigator.serviceWorker.ready;
    const urls = new Set([location.href.split("#")[0]]);
    document.querySelectorAll(".portal-nav a[href], a[data-offline-keep]").forEach((link) => urls.add(link.href));
    (registration.active || navigator.serviceWorker.controller)?.postMessage({ type: "keep-pages", urls: [...urls] });
    return registration;
  } catch (error) {
    return null;
  }
}
const workerReady = installWorker();

function showConnection() {
  const status = document.querySelector("[data-connection]");
  if (!status) { return; }
  status.hidden = false;
  status.classList.toggle("is-offline", !navigator.onLine);
  status.textContent = navigator.onLine ? text("Online") : text("Offline");
}

function entryRow(entry) {
  const row = document.createElement("li");
  row.dataset.outboxEntry = entry.key;
  row.className = entry.state === REFUSED ? "refused" : "waiting";
  const label = document.createElement("strong");
  label.textContent = entry.label;
  const state = document.createElement("span");
  state.dataset.outboxState = entry.state;
  state.textContent = entry.state === REFUSED ? text("Refused") + " " + entry.message
    : entry.message === "login" ? text("Login") : text("Waiting");
  const edit = document.createElement("button");
  edit.type = "button";
  edit.textContent = text("Edit");
  edit.dataset.outboxEdit = "";
  edit.addEventListener("click", () => editEntry(entry.key));
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "danger";
  discard.textContent = text("Discard");
  discard.dataset.outboxDiscard = "";
  discard.addEventListener("click", async () => {
    if (window.confirm(text("DiscardConfirm"))) { await removeEntry(entry.key); showOutbox(); }
  });
  row.append(label, " ", state, " ", edit, " ", discard);
  return row;
}

async function showOutbox(note) {
  const box = document.querySelector("[data-outbox]");
  if (!box) { return; }
  const entries = await listEntries();
  const list = box.querySelector("[data-outbox-list]");
  list.replaceChildren(...entries.map(entryRow));
  const sent = box.querySelector("[data-outbox-sent]");
  if (note) { sent.textContent = note; sent.hidden = false; }
  box.hidden = entries.length === 0 && sent.hidden;
}

function formFor(action) {
  return [...document.querySelectorAll("form[data-offline]")].find((form) => form.action === action);
}

/* Put a waiting entry back into its form (on its own page) and take it out of the outbox. */
async function editEntry(key) {
  const entry = await getEntry(key);
  if (!entry) { return; }
  const form = formFor(entry.action);
  if (!form) {
    location.assign(entry.page.split("#")[0] + "#outbox-edit=" + encodeURIComponent(key));
    return;
  }
  const files = [];
  for (const [name, value] of entry.fields) {
    const field = form.elements.namedItem(name);
    if (value instanceof Blob) { files.push([name, value]); continue; }
    if (field && field.type !== "file" && name !== "csrfmiddlewaretoken") { field.value = value; }
  }
  keptFiles.set(form, files);
  await removeEntry(key);
  await showOutbox();
  form.scrollIntoView({ block: "start" });
  form.querySelector("input:not([type=hidden]), select, textarea")?.focus();
}

function summary(form, fields) {
  const parts = [form.dataset.offlineLabel || document.title];
  for (const element of form.querySelectorAll("select, input[type=datetime-local], input[type=number]")) {
    if (element.tagName === "SELECT" && element.selectedIndex >= 0 && element.value) {
      parts.push(element.options[element.selectedIndex].text);
    } else if (element.value && element.tagName !== "SELECT") {
      parts.push(element.type === "datetime-local" ? element.value.replace("T", " ") : element.value);
    }
  }
  return parts.filter(Boolean).slice(0, 3).join(" · ");
}

async function queue(form) {
  const longSide = parseInt(bar?.dataset.longSide || "2000", 10);
  const fields = [];
  let csrf = "";
  for (const [name, value] of new FormData(form)) {
    if (name === "csrfmiddlewaretoken") { csrf = value; continue; }
    if (value instanceof File) {
      if (value.size > 0) { fields.push([name, await shrinkPhoto(value, longSide)]); }
      continue;
    }
    fields.push([name, value]);
  }
  const chosen = new Set(fields.filter(([, value]) => value instanceof Blob).map(([name]) => name));
  for (const [name, blob] of keptFiles.get(form) || []) {
    if (!chosen.has(name)) { fields.push([name, blob]); }
  }
  keptFiles.delete(form);
  return addEntry({
    action: form.action, fields, csrf, kind: form.dataset.offline, label: summary(form, fields), page: location.href,
  });
}

async function askForSync() {
  const registration = await workerReady;
  if (registration && registration.sync) {
    try { await registration.sync.register("ocop-outbox"); } catch (error) { /* sent on online/focus */ }
  }
}

async function sendNow() {
  if (!navigator.onLine) { return; }
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  const report = await sendWaiting(token ? token.value : "");
  if (report.sent || report.refused) {
    await showOutbox(report.sent ? text("Sent").replace("%s", report.sent) : "");
  }
  return report;
}

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-offline]");
  if (!form) { return; }
  event.preventDefault();
  const button = form.querySelector("[type=submit]");
  if (button) { button.disabled = true; }
  try {
    form.dataset.offlineState = "saving";
    await queue(form);
    form.reset();
    await showOutbox();
    await askForSync();
    const report = await sendNow();
    if (report && report.sent && !report.stillWaiting && !report.refused) {
      location.reload();
      return;
    }
    form.dataset.offlineState = "queued";
  } finally {
    if (button) { button.disabled = false; }
  }
});

window.addEventListener("online", () => { showConnection(); sendNow(); });
window.addEventListener("offline", showConnection);
window.addEventListener("focus", () => sendNow());
document.addEventListener("visibilitychange", () => { if (!document.hidden) { sendNow(); } });
navigator.serviceWorker?.addEventListener("message", (event) => {
  if (event.data?.type === "outbox-sent") { showOutbox(event.data.report.sent ? text("Sent").replace("%s", event.data.report.sent) : ""); }
});
document.querySelector("form[action$='/logout/']")?.addEventListener("submit", () => {
  navigator.serviceWorker?.controller?.postMessage({ type: "forget-pages" });
});

showConnection();
showOutbox().then(() => {
  const match = location.hash.match(/^#outbox-edit=(.+)$/);
  if (match) { editEntry(decodeURIComponent(match[1])); }
  sendNow();
});
