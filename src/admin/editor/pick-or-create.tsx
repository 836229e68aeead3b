// One way to add a named thing to an article (an author, a tag, the tracker a block points at):
// type its name, pick it from the suggestions, or create it on the spot when it does not exist
// yet and the writer may. The lists
// are loaded again when the field is used, so what another tab created is there without a reload.

import { useState } from "preact/hooks";
import { ApiError } from "../lib/api.js";
import { refreshIfStale } from "../lib/reference.js";
import { toast } from "../lib/toast.js";

interface Named {
  id: string;
  name: string;
}

interface PickOrCreateProps {
  id: string;
  /** The visible (or screen-reader) label, e.g. "Add an author". */
  label: string;
  labelHidden?: boolean;
  placeholder: string;
  /** Read at the moment of adding: the lists may have been refreshed meanwhile. */
  options: () => readonly Named[];
  chosen: readonly string[];
  onAdd: (id: string) => void;
  /** What one is called, for "Create person “X”". */
  noun: string;
  /** Creates one by name and answers its id; absent when the writer may not create. */
  create?: (name: string) => Promise<string>;
  /** The button's words when the name matches one that exists ("Add" unless told). */
  pickLabel?: string;
  describedBy?: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A text field with suggestions, an Add button, and "Create <noun> “X”" when nothing matches. */
export function PickOrCreate(props: PickOrCreateProps) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const wanted = text.trim();
  const match = wanted ? props.options().find((o) => same(o.name, wanted)) : undefined;
  const offerCreate = wanted !== "" && !match && props.create !== undefined;

  const add = async () => {
    if (!wanted || busy) return;
    setBusy(true);
    try {
      // Not among the suggestions: it may have been created elsewhere a moment ago.
      let found = props.options().find((o) => same(o.name, wanted));
      if (!found) {
        await refreshIfStale(0);
        found = props.options().find((o) => same(o.name, wanted));
      }
      if (found) {
        if (!props.chosen.includes(found.id)) props.onAdd(found.id);
        setText("");
        return;
      }
      if (!props.create) {
        toast(`There is no ${props.noun} “${wanted}”. Ask an editor to create it.`, "error");
        return;
      }
      const id = await props.create(wanted);
      await refreshIfStale(0);
      props.onAdd(id);
      setText("");
      toast(`Created ${props.noun} “${wanted}”.`);
    } catch (error) {
      toast(
        error instanceof ApiError
          ? `The ${props.noun} could not be created: ${error.message}`
          : `The ${props.noun} could not be created.`,
        "error",
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="inline-add">
      <label for={props.id} class={props.labelHidden ? "visually-hidden" : "field-label"}>
        {props.label}
      </label>
      <input
        id={props.id}
        list={`${props.id}-options`}
        value={text}
        placeholder={props.placeholder}
        autocomplete="off"
        aria-describedby={props.describedBy}
        onFocus={() => void refreshIfStale()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void add();
          }
        }}
      />
      <datalist id={`${props.id}-options`}>
        {props
          .options()
          .filter((o) => !props.chosen.includes(o.id))
          .map((o) => (
            <option key={o.id} value={o.name} />
          ))}
      </datalist>
      <button
        type="button"
        class="button button-small"
        disabled={busy || !wanted}
        onClick={() => void add()}
      >
        {offerCreate ? `Create ${props.noun} “${wanted}”` : (props.pickLabel ?? "Add")}
      </button>
    </div>
  );
}
