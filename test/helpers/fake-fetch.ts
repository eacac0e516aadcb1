/** A fetch that records every request and answers from a script: for unit tests of the clients. */
export interface Captured {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

export type Answer = Response | ((req: Captured, index: number) => Response | Promise<Response>) | Error;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function fakeFetch(answers: Answer[] | ((req: Captured, index: number) => Response | Promise<Response>)) {
  const calls: Captured[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const captured: Captured = { url: request.url, method: request.method, headers: request.headers, body: request.body ? await request.text() : undefined };
    calls.push(captured);
    const index = calls.length - 1;
    init?.signal?.throwIfAborted();
    const answer = typeof answers === 'function' ? answers : answers[Math.min(index, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(captured, index) : answer.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
