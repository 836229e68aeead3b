// First: it must run before any schema module is evaluated.
import "./lib/jitless.js";
import { render } from "preact";
import { App } from "./app.js";
import { loadSession, session } from "./lib/session.js";
import "./styles/admin.css";
import "./styles/bulk-and-bylines.css";
import "./styles/checklist.css";
import "./styles/gallery-editor.css";
import "./styles/newsletters.css";

loadSession().catch(() => {
  session.set({
    status: "signed-out",
    notice: "The server could not be reached. Check your connection and reload the page.",
  });
});

const root = document.getElementById("app");
if (root) render(<App />, root);
