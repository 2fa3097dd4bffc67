/* Share a page into a Zalo chat.
 * "Share on Zalo" loads Zalo's share plugin (its address is in data-zalo-script) only when pressed,
 * then shows Zalo's own button, which opens the chat picker. "Copy link" puts the address on the
 * clipboard (navigator.clipboard, or a selected textarea and execCommand on older phones); it
 * works offline. When the plugin cannot load, the link is copied instead.
 */
(function () {
  "use strict";
  if (window.ocopZaloShare) { return; }
  window.ocopZaloShare = true;

  function say(box, key, extra) {
    var status = box.querySelector("[data-share-status]");
    if (status) { status.textContent = status.getAttribute("data-" + key) + (extra ? " " + extra : ""); }
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  function copyLink(box) {
    var url = box.getAttribute("data-share-url");
    var done = function () { say(box, "copied"); box.setAttribute("data-copied", "yes"); };
    var fallback = function () {
      if (copyWithTextarea(url)) { done(); } else { say(box, "copy-failed", url); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, fallback);
    } else {
      fallback();
    }
  }

  function openZalo(box) {
    var plugin = box.querySelector(".zalo-share-button");
    var source = box.getAttribute("data-zalo-script");
    if (!plugin || !source || !plugin.getAttribute("data-oaid")) { copyLink(box); return; }
    plugin.hidden = false;
    if (window.ZaloSocialSDK) { window.ZaloSocialSDK.reload(); say(box, "press-zalo"); return; }
    say(box, "loading");
    var script = document.createElement("script");
    script.src = source;
    script.async = true;
    script.onload = function () {
      if (window.ZaloSocialSDK && window.ZaloSocialSDK.reload) { window.ZaloSocialSDK.reload(); }
      say(box, "press-zalo");
    };
    script.onerror = function () { plugin.hidden = true; copyLink(box); say(box, "zalo-failed"); };
    document.head.appendChild(script);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var box = target.closest && target.closest("[data-zalo-share]");
    if (!box) { return; }
    if (target.closest("[data-zalo-share-open]")) { openZalo(box); }
    if (target.closest("[data-copy-link]")) { copyLink(box); }
  });
})();
