/**
 * An API route as data: the one table both the Express binding and the OpenAPI document are
 * made from, so the document always matches the routes. Handlers are plain async functions.
 */
export interface ParamDoc {
  name: string;
  description: string;
  required?: boolean;
  schema?: { type: 'string' | 'integer' | 'boolean'; enum?: string[] };
}

export interface ApiCall {
  params: Record<string, string>;
  query: Record<string, unknown>;
  header(name: string): string | undefined;
  /** The raw body (publish) or the parsed JSON body (other POSTs). */
  body: unknown;
  /** The caller's login, or a 401. */
  login(): Promise<string>;
  /** The caller's login when a token was sent, undefined when none (a bad token is still a 401). */
  optionalLogin(): Promise<string | undefined>;
}

export type ApiReply =
  | { status?: number; json: unknown }
  /** JSON already serialised (a search page's stored listings). */
  | { status?: number; jsonText: string }
  | { status?: number; bytes: Buffer; headers: Record<string, string> };

export interface ApiRoute {
  method: 'get' | 'post';
  /** OpenAPI form: `/api/apps/{name}`. */
  path: string;
  summary: string;
  /** Whether the route needs a token (documented as bearer auth). */
  auth: 'none' | 'required' | 'optional';
  query?: ParamDoc[];
  headers?: ParamDoc[];
  body?: { contentType: 'application/json' | 'application/gzip'; description: string };
  /** What a 200 (or 201) answers, as a content type. */
  produces?: 'application/json' | 'application/gzip';
  responses: Record<string, string>;
  handle(call: ApiCall): Promise<ApiReply>;
}
