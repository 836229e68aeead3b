// What every form of the app does when it is sent: one request at a time, a busy state for the
// button, the API's MH_ error body turned into a message and per-field issues, a toast when it
// worked. One hook instead of the same try/catch/finally in every screen.

import { useCallback, useRef, useState } from "preact/hooks";
import { type FormProblem, formProblem, issueFor } from "./errors.js";
import { toast } from "./toast.js";

/** A form's sending state and how to send it. */
export interface Submit {
  busy: boolean;
  /** The last failure, as the form shows it (null after a success or when sending again). */
  problem: FormProblem | null;
  setProblem: (problem: FormProblem | null) => void;
  /** The message for `field` (or a path below it) in the last failure. */
  issue: (field: string) => string | null;
  /**
   * Runs `action` unless a run is under way. On success toasts `done` (or what it returns for
   * the result) and answers the result; on failure keeps the problem and answers undefined.
   */
  run: <T>(
    action: () => Promise<T>,
    done?: string | ((result: T) => string | undefined | undefined),
  ) => Promise<T | undefined>;
  /** `run` for a form's onSubmit: the page is not reloaded. */
  onSubmit: <T>(
    action: () => Promise<T>,
    done?: string | ((result: T) => string | undefined | undefined),
  ) => (event: Event) => void;
}

/** What sets one form apart from the rest; most forms need none of it. */
export interface SubmitOptions {
  /**
   * This form's own words for some failures (a wrong password, a file too large, no
   * connection); for an error it answers undefined for, the message is the usual one.
   */
  explain?: (error: unknown) => string | undefined;
  /**
   * Keeps the form busy after a success, for a form whose success leaves the screen (signing
   * in, a reload): its button cannot send again while the app changes.
   */
  staysBusy?: boolean;
}

/** The sending state of one form (see Submit). */
export function useSubmit(options: SubmitOptions = {}): Submit {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // A double click sends once: the state may not have re-rendered between the two.
  const running = useRef(false);
  // Read when the action ends, so a form may pass a new function at each render.
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const run = useCallback(
    async <T>(
      action: () => Promise<T>,
      done?: string | ((result: T) => string | undefined | undefined),
    ): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setProblem(null);
      let succeeded = false;
      try {
        const result = await action();
        succeeded = true;
        const message = typeof done === "function" ? done(result) : done;
        if (message) toast(message);
        return result;
      } catch (error) {
        const problem = formProblem(error);
        const own = optionsRef.current.explain?.(error);
        setProblem(own === undefined ? problem : { ...problem, message: own });
        return undefined;
      } finally {
        if (!(succeeded && optionsRef.current.staysBusy)) {
          running.current = false;
          setBusy(false);
        }
      }
    },
    [],
  );

  const onSubmit = useCallback(
    <T>(
      action: () => Promise<T>,
      done?: string | ((result: T) => string | undefined | undefined),
    ) =>
      (event: Event) => {
        event.preventDefault();
        void run(action, done);
      },
    [run],
  );

  return {
    busy,
    problem,
    setProblem,
    issue: (field) => issueFor(problem, field),
    run,
    onSubmit,
  };
}
