// The beacon path asks the same questions of the same strings (user agents, addresses) many times
// a second; remembering the answers saves microseconds per beacon.

/**
 * `compute` with its answers remembered in a map that starts afresh when it holds `max`, so
 * made-up inputs (odd user agents, random addresses) cannot grow it.
 */
export function boundedMemo<T>(compute: (key: string) => T, max = 10_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= max) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}
