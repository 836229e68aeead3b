// View beacon: counts this article once per reader per day and shows the fresh total.
// Cached pages carry an old number, so the reply's count replaces it.
(() => {
  const article = document.querySelector("[data-article-id]");
  if (!article || !window.fetch) return;
  const id = article.getAttribute("data-article-id");
  const key = `mh-viewed:${id}`;
  const today = new Date().toISOString().slice(0, 10);
  let repeat = false;
  try {
    repeat = localStorage.getItem(key) === today;
  } catch {}
  const send = () => {
    // A first view sends no body (nothing to parse on the server's busiest path); a repeat says so.
    const init = repeat
      ? { headers: { "content-type": "application/json" }, body: '{"repeat":true}' }
      : {};
    fetch(`/views/${id}`, { method: "POST", keepalive: true, ...init })
      .then((r) => (r.status === 200 ? r.json() : null))
      .then((data) => {
        if (!data || typeof data.views !== "number") return;
        try {
          localStorage.setItem(key, today);
        } catch {}
        for (const el of document.querySelectorAll("[data-views]"))
          el.textContent = String(data.views);
      })
      .catch(() => {});
  };
  // A prerendered page may never be seen; count it only when the reader actually opens it.
  if (document.prerendering || document.visibilityState === "prerender")
    document.addEventListener("prerenderingchange", send, { once: true });
  else send();
})();
