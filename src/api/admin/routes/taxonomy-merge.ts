// Merging and deleting tags, people, sections and trackers, and how many articles each would
// move. See docs/ADMIN_API.md, "Merging and deleting"; the rules are in the service.
import { z } from "zod";
import { IdSchema, type Permission } from "../../../content/index.js";
import { textField } from "../../../content/text.js";
import {
  deleteTaxonomy,
  mergeTaxonomy,
  type TaxonomyKind,
  taxonomyUsage,
} from "../../../services/taxonomy-merge.js";
import { tagArticleCounts } from "../../../store/reads.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();
// Checked by the service (itself, unknown: 422 at `into`/`moveTo`), so any string is taken here.
const MergeBody = z.object({ into: textField().min(1, "into names the destination") }).strict();
const DeleteQuery = z.object({ moveTo: textField().min(1).optional() }).strict();

const KINDS: { kind: TaxonomyKind; plural: string; permission: Permission }[] = [
  { kind: "tag", plural: "tags", permission: "taxonomy.manage" },
  { kind: "person", plural: "people", permission: "people.manage" },
  { kind: "section", plural: "sections", permission: "taxonomy.manage" },
  { kind: "tracker", plural: "trackers", permission: "trackers.manage" },
];

/** The merge, delete and usage endpoints of each kind, for the admin API's ROUTES. */
export const TAXONOMY_MERGE_ROUTES = [
  route({
    method: "GET",
    url: "/tags/usage",
    permission: "signed-in",
    does: "read tags",
    async handler({ deps: { store } }) {
      return { counts: await tagArticleCounts(store) };
    },
  }),
  ...KINDS.flatMap(({ kind, plural, permission }) => [
    route({
      method: "GET",
      url: `/${plural}/:id/usage`,
      permission: "signed-in",
      does: `read ${plural}`,
      params: IdParams,
      async handler({ params, deps: { store } }) {
        return taxonomyUsage({ store }, kind, params.id);
      },
    }),
    route({
      method: "POST",
      url: `/${plural}/:id/merge`,
      permission,
      does: `merge ${plural}`,
      params: IdParams,
      body: MergeBody,
      async handler({ actor, params, body, deps: { store } }) {
        return mergeTaxonomy({ store }, actor, kind, { id: params.id, into: body.into });
      },
    }),
    route({
      method: "DELETE",
      url: `/${plural}/:id`,
      permission,
      does: `delete ${plural}`,
      params: IdParams,
      query: DeleteQuery,
      async handler({ actor, params, query, deps: { store } }) {
        return deleteTaxonomy({ store }, actor, kind, { id: params.id, moveTo: query.moveTo });
      },
    }),
  ]),
];
