// What a test's action recorded in the change outbox, for tests of the events each write makes.
import type { ChangeEvent } from "../../src/content/index.js";
import { latestChangePosition, readChangesAfter, type Store } from "../../src/store/index.js";

/** Runs `action` and returns its result with the events committed meanwhile (without positions). */
export async function changesDuring<T>(
  store: Store,
  action: () => Promise<T>,
): Promise<{ result: T; events: ChangeEvent[] }> {
  const from = await latestChangePosition(store);
  const result = await action();
  const events = (await readChangesAfter(store, from)).map(({ type, ids, paths, data }) => ({
    type,
    ids,
    paths,
    ...(data ? { data } : {}),
  }));
  return { result, events };
}
