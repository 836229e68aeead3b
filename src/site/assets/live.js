// Live coverage: keeps a live article's updates current without a reload. The server renders
// each update once and streams its HTML (server-sent events); this script only places it: new
// and changed updates by their time (pinned ones under "Key updates"), deleted ones removed, the
// "Live"/"ended" line replaced. Without it the page is complete as served; a reload shows more.
(() => {
  const root = document.querySelector("[data-live-src]");
  if (!root || !window.EventSource) return;
  const lists = {
    pinned: root.querySelector('[data-live-list="pinned"]'),
    stream: root.querySelector('[data-live-list="stream"]'),
  };
  const pinnedBox = root.querySelector("[data-live-pinned]");
  const empty = root.querySelector("[data-live-empty]");
  const announce = root.querySelector("[data-live-announce]");
  let since = root.getAttribute("data-live-since") || "";
  let source;

  const items = () => root.querySelectorAll("li[data-posted]");
  const tidy = () => {
    if (pinnedBox) pinnedBox.hidden = lists.pinned.children.length === 0;
    if (empty) empty.hidden = items().length > 0;
  };
  // Newest first: before the first item posted earlier (ties: by id, as the server orders them).
  const place = (el) => {
    const list = el.hasAttribute("data-pinned") ? lists.pinned : lists.stream;
    const posted = el.getAttribute("data-posted");
    let before = null;
    for (const li of list.children) {
      const other = li.getAttribute("data-posted");
      if (other < posted || (other === posted && li.id < el.id)) {
        before = li;
        break;
      }
    }
    list.insertBefore(el, before);
  };
  const fragment = (html) => {
    const t = document.createElement("template");
    t.innerHTML = html;
    return t.content.firstElementChild;
  };
  const onUpdate = (e) => {
    const data = JSON.parse(e.data);
    const el = fragment(data.html);
    if (!el) return;
    const old = document.getElementById(el.id);
    if (old) old.remove();
    place(el);
    if (!old && announce) announce.textContent = "New update posted.";
    tidy();
  };
  const onRemove = (e) => {
    const old = document.getElementById(`update-${JSON.parse(e.data).id}`);
    if (old) old.remove();
    tidy();
  };
  const setState = (html) => {
    const el = fragment(html);
    const current = root.querySelector("[data-live-status]");
    if (el && current) current.replaceWith(el);
  };
  const onSync = (e) => {
    const data = JSON.parse(e.data);
    const present = new Set(data.ids.map((id) => `update-${id}`));
    for (const li of items()) if (!present.has(li.id)) li.remove();
    setState(data.html);
    tidy();
  };
  const connect = () => {
    const url = `${root.getAttribute("data-live-src")}${since ? `?since=${encodeURIComponent(since)}` : ""}`;
    source = new EventSource(url);
    source.addEventListener("open", () => root.setAttribute("data-live-connected", ""));
    source.addEventListener("update", (e) => {
      if (e.lastEventId) since = e.lastEventId;
      onUpdate(e);
    });
    source.addEventListener("remove", onRemove);
    source.addEventListener("state", (e) => setState(JSON.parse(e.data).html));
    source.addEventListener("sync", onSync);
    source.addEventListener("error", () => {
      // The browser reconnects by itself after a dropped stream; after a refusal (the instance is
      // full, the article gone) it gives up, so try again later, spread out over readers.
      if (source.readyState !== EventSource.CLOSED) return;
      root.removeAttribute("data-live-connected");
      setTimeout(connect, 30000 + Math.random() * 30000);
    });
  };
  connect();
})();
