// Privacy facade: the video host is contacted only after the reader presses play.
(() => {
  const allowed = /^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//;
  document.addEventListener("click", (event) => {
    const target = event.target;
    const button = target instanceof Element ? target.closest("button[data-embed-src]") : null;
    if (!button) return;
    const src = button.getAttribute("data-embed-src") || "";
    if (!allowed.test(src)) return;
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = button.getAttribute("data-embed-title") || "Video";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    button.replaceWith(frame);
    frame.focus();
  });
})();
