// A typed client for the Therapy Ops HTTP API. The types (src/api.d.ts) are generated from the API's OpenAPI document
// by openapi-typescript; requests go through openapi-fetch, so paths, parameters, bodies and answers are all checked
// by the compiler. Regenerate with bin/generate-api-client after an API change (CI fails until the file matches).
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./api";

export type { components, paths };
export type Schemas = components["schemas"];

/** A client for one practice user: the base URL of the API and a bearer token (its practice and role). */
export function createTherapyOpsClient(baseUrl: string, token: string): Client<paths> {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

/** An RFC 9457 problem, as every error of the API is answered (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** The ETag of a response as If-Match wants it back (records are replaced under If-Match). */
export function etagOf(response: Response): string | null {
  return response.headers.get("ETag");
}
