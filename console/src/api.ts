// The typed API client: paths, parameters, bodies and answers come from the types generated from the API's OpenAPI
// document (clients/typescript/src/api.d.ts), so an API change that breaks the console fails `tsc`.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../../clients/typescript/src/api";

export type { paths };
export type S = components["schemas"];
export type Api = Client<paths>;

/** An RFC 9457 problem as the API answers every error; status 0 when the API could not be reached at all. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  /** The stable problem type after https://therapyops.org/problems/ (e.g. "validation", "precondition-failed"). */
  get kind(): string {
    return this.problem.type.replace(/^.*\/problems\//, "");
  }
  /** The message of one field's error, for showing it next to that field. */
  field(name: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === name || e.field.startsWith(name + "."))?.message;
  }
}

let onUnauthorized: () => void = () => {};

/** What to do when the API (its JWT authorizer) refuses the token: the session has expired or was revoked. */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export function createApi(baseUrl: string, token: string): Api {
  const client = createClient<paths>({ baseUrl: baseUrl || window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  });
  return client;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface Result<T> {
  data: T;
  /** the record's version as If-Match wants it back (exposed by the API's CORS configuration) */
  etag: string | null;
  response: Response;
}

/** Awaits a typed call: the data and ETag, or an ApiError carrying the problem. */
export async function call<T>(request: Promise<Answer<T>>): Promise<Result<NonNullable<T>>> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (e) {
    throw new ApiError({
      type: "about:blank#network",
      title: "The API could not be reached",
      status: 0,
      detail: "No answer from the API (offline, or the browser refused a cross-origin answer). Try again in a moment.",
    });
  }
  const { response } = answer;
  if (!response.ok) {
    const body = answer.error as Partial<Problem> | undefined;
    const problem: Problem = {
      type: body?.type ?? `about:blank#${response.status}`,
      title: body?.title ?? (response.status === 401 ? "Your session has ended" : `The API answered ${response.status}`),
      status: response.status,
      detail: body?.detail ?? (body && "message" in body ? String((body as { message: unknown }).message) : undefined),
      errors: body?.errors,
    };
    if (response.status === 401) onUnauthorized();
    throw new ApiError(problem);
  }
  return { data: answer.data as NonNullable<T>, etag: response.headers.get("ETag"), response };
}

/** If-Match for a record read with this version. */
export function ifMatch(version: number | string): string {
  return `"${version}"`;
}

/** Every page of a cursor-paginated listing, up to `max` items. */
export async function all<T>(page: (cursor?: string) => Promise<Answer<{ items: T[]; nextCursor?: string | null }>>, max = 500): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await call(page(cursor));
    out.push(...data.items);
    cursor = data.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}
