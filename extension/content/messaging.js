// Talking to the service worker, where the wasm core runs.
//
// Why not run the core here: pages such as x.com forbid WebAssembly through
// their CSP, and a content script obeys the page's CSP for wasm. The service
// worker runs under the extension's own CSP on every page, so one path works
// everywhere (measured in TOOLCHAIN.md: ~3 ms a round trip, ~13 ms for a
// 1,000-post batch). A worker that was asleep answers after it wakes; a
// worker restarted mid-flight makes sendMessage reject, so ask again once.

/** Sends one request to the service worker and returns its answer. */
export async function ask(message) {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await chrome.runtime.sendMessage(message);
      if (answer && answer.error) throw new CoreError(answer.error);
      return answer;
    } catch (error) {
      if (error instanceof CoreError || attempt >= 1 || !chrome.runtime?.id) throw error;
    }
  }
}

/** An error reported by the core (bad input), not by the transport. */
export class CoreError extends Error {}
