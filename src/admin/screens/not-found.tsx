import { Link } from "../lib/router.js";
import { useTitle } from "../lib/title.js";

/** An address below /admin that names no screen. */
export function NotFound() {
  useTitle("Not found");
  return (
    <div class="empty">
      <h1>Nothing here</h1>
      <p>This address does not lead to a screen of the admin.</p>
      <Link href="/articles" class="button button-primary">
        Go to the articles
      </Link>
    </div>
  );
}
