import { type Credit, creditIsIncomplete, getLicense } from "../../content/index.js";
import { Icon } from "./icons.js";

/** "Eric Menjívar / Flickr, CC BY-SA 2.0" — the credit as readers will see it. */
export function creditText(credit: Credit): string {
  const who = [credit.creator, credit.sourceName].filter(Boolean).join(" / ");
  const license = getLicense(credit.license).label;
  return who ? `${who}, ${license}` : license;
}

/** The attribution warning, when the license asks for a credit the item does not give. */
export function CreditWarning({ credit, message }: { credit: Credit; message?: string | null }) {
  if (!creditIsIncomplete(credit) && !message) return null;
  const license = getLicense(credit.license).label;
  return (
    <p class="credit-warning" role="note">
      <Icon name="warning" size={16} />
      <span>
        {message ??
          `${license} requires attribution: add the creator or the source before publishing.`}
      </span>
    </p>
  );
}
