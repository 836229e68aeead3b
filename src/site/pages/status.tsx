import type { ComponentChildren } from "preact";
import { homePath } from "../../content/public-paths.js";
import type { SiteContext } from "../context.js";
import { Layout } from "../layout.js";

/** A short page explaining why the reader did not get what they asked for. */
export function StatusPage({
  ctx,
  title,
  children,
}: {
  ctx: SiteContext;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="status-page">
        <h1>{title}</h1>
        {children}
        <p>
          <a href={homePath()}>Go to the front page</a>
        </p>
      </div>
    </Layout>
  );
}
