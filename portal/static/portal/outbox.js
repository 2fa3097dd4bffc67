/* The outbox: diary entries and stock changes kept in IndexedDB until the server has them.

   Shared by the pages and the service worker (no DOM here). Each entry carries the key it was
   made with (crypto.randomUUID); every attempt sends the same key in the Idempotency-Key header,
   so the server accepts it once however often it arrives. An entry leaves the outbox only when
   the server has answered for it: accepted (2xx) or refused with a reason (4xx, kept to edit). */

const DB_NAME = "ocop-outbox";
const STORE = "entries";
export const WAITING = "waiting";
export const REFUSED = "refused";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: "key" }).createIndex("created", "created");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const result = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(result && "result" in result ? result.result : result);
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

export function newKey() {
  if (self.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
  return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 14) + Math.random().toString(36).slice(2, 14);
}

/* fields: [[name, value]] where value is a string or a Blob (a photo). */
export function addEntry({ action, fields, csrf, label, kind, page }) {
  const entry = { key: newKey(), action, fields, csrf, label, kind, page, state: WAITING, message: "", created: Date.now() };
  return withStore("readwrite", (store) => store.put(entry)).then(() => entry);
}

export function listEntries() {
  return withStore("readonly", (store) => store.index("created").getAll());
}

export function getEntry(key) {
  return withStore("readonly", (store) => store.get(key));
}

export function removeEntry(key) {
  return withStore("readwrite", (store) => store.delete(key));
}

function updateEntry(entry) {
  return withStore("readwrite", (store) => store.put(entry));
}

function errorText(answer) {
  if (answer.errors) {
    return Object.values(answer.errors).flat().join(" ");
  }
  return answer.error || answer.message || "";
}

/* Send one entry; returns "sent", "refused" or "waiting" (no signal, server down, logged out).
   `csrf` is the page's current token (a new log-in changes it); without a page, the entry's own. */
export async function sendEntry(entry, csrf) {
  const body = new FormData();
  for (const [name, value] of entry.fields) {
    if (value instanceof Blob) { body.append(name, value, value.name || "photo.jpg"); } else { body.append(name, value); }
  }
  let response;
  try {
    response = await fetch(entry.action, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: {
        "Idempotency-Key": entry.key,
        "X-CSRFToken": csrf || entry.csrf,
        "X-Requested-With": "XMLHttpRequest",
        Accept: "application/json",
      },
    });
  } catch (error) {
    return WAITING;
  }
  let answer = {};
  try { answer = await response.json(); } catch (error) { answer = {}; }
  if (response.ok) {
    await removeEntry(entry.key);
    return "sent";
  }
  if (response.status === 400 || response.status === 404 || response.status === 409 || response.status === 422) {
    await updateEntry({ ...entry, state: REFUSED, message: errorText(answer) });
    return REFUSED;
  }
  await updateEntry({ ...entry, state: WAITING, message: response.status === 403 ? "login" : "" });
  return WAITING;
}

/* Send every waiting entry, oldest first. One run at a time per context. */
let running = null;
export function sendWaiting(csrf) {
  if (!running) {
    running = (async () => {
      const report = { sent: 0, refused: 0, stillWaiting: 0 };
      for (const entry of await listEntries()) {
        if (entry.state !== WAITING) { continue; }
        const outcome = await sendEntry(entry, csrf);
        if (outcome === "sent") { report.sent += 1; } else if (outcome === REFUSED) { report.refused += 1; } else { report.stillWaiting += 1; }
      }
      return report;
    })().finally(() => { running = null; });
  }
  return running;
}
