import { z } from "zod";

/** A license a media item may carry, with the deed readers are sent to. */
export interface License {
  id: string;
  label: string;
  deedUrl?: string;
  /** Whether reuse requires naming the creator (drives the credit-incomplete warning). */
  requiresAttribution: boolean;
}

const cc = (id: string, label: string, path: string, version: string): License => ({
  id,
  label,
  deedUrl: `https://creativecommons.org/licenses/${path}/${version}/`,
  requiresAttribution: true,
});

/** The known licenses; an unknown id is a validation error. */
export const LICENSES = [
  { id: "all-rights-reserved", label: "All rights reserved", requiresAttribution: true },
  {
    id: "cc0-1.0",
    label: "CC0 1.0",
    deedUrl: "https://creativecommons.org/publicdomain/zero/1.0/",
    requiresAttribution: false,
  },
  {
    id: "public-domain",
    label: "Public domain",
    deedUrl: "https://creativecommons.org/publicdomain/mark/1.0/",
    requiresAttribution: false,
  },
  cc("cc-by-2.0", "CC BY 2.0", "by", "2.0"),
  cc("cc-by-sa-2.0", "CC BY-SA 2.0", "by-sa", "2.0"),
  cc("cc-by-nd-2.0", "CC BY-ND 2.0", "by-nd", "2.0"),
  cc("cc-by-nc-2.0", "CC BY-NC 2.0", "by-nc", "2.0"),
  cc("cc-by-nc-sa-2.0", "CC BY-NC-SA 2.0", "by-nc-sa", "2.0"),
  cc("cc-by-nc-nd-2.0", "CC BY-NC-ND 2.0", "by-nc-nd", "2.0"),
  cc("cc-by-3.0", "CC BY 3.0", "by", "3.0"),
  cc("cc-by-sa-3.0", "CC BY-SA 3.0", "by-sa", "3.0"),
  cc("cc-by-4.0", "CC BY 4.0", "by", "4.0"),
  cc("cc-by-sa-4.0", "CC BY-SA 4.0", "by-sa", "4.0"),
  cc("cc-by-nd-4.0", "CC BY-ND 4.0", "by-nd", "4.0"),
  cc("cc-by-nc-4.0", "CC BY-NC 4.0", "by-nc", "4.0"),
  cc("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0", "by-nc-sa", "4.0"),
  cc("cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0", "by-nc-nd", "4.0"),
] as const satisfies readonly License[];

export type LicenseId = (typeof LICENSES)[number]["id"];
const LICENSE_IDS = LICENSES.map((l) => l.id) as [LicenseId, ...LicenseId[]];

export const LicenseIdSchema = z.enum(LICENSE_IDS, {
  error: () => `license must be one of: ${LICENSE_IDS.join(", ")}`,
});

/** Looks a license up by id. */
export function getLicense(id: LicenseId): License {
  return LICENSES.find((l) => l.id === id) as License;
}
