import { readFileSync } from 'node:fs';

/** The answer of a control API call: status and parsed JSON body. */
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * A thin HTTP client for the control API, as an organization's CI would use it. Every call goes
 * over the network to the platform's one origin.
 */
export class ControlApi {
  constructor(
    private readonly origin: string,
    readonly key?: string,
  ) {}

  /** Same client, acting with `key`. */
  as(key: string): ControlApi {
    return new ControlApi(this.origin, key);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.key) h.authorization = `Bearer ${this.key}`;
    let payload: string | Uint8Array | undefined;
    if (body instanceof Uint8Array || typeof body === 'string') {
      payload = body;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.origin}/api/v1${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Signs up an organization; resolves to its id and its first API key. */
  async signup(name: string): Promise<{ orgId: string; key: string }> {
    const res = await this.request<{ org: { orgId: string }; apiKey: { key: string } }>(
      'POST',
      '/orgs',
      { name },
    );
    if (res.status !== 201) throw new Error(`signup: ${res.status} ${JSON.stringify(res.body)}`);
    return { orgId: res.body.org.orgId, key: res.body.apiKey.key };
  }

  /** Uploads the document at `file` as a new spec version of server `slug`. */
  upload(slug: string, file: string, query = ''): Promise<ApiAnswer> {
    const type = /\.ya?ml$/.test(file) ? 'application/yaml' : 'application/json';
    return this.request('POST', `/servers/${slug}/versions${query}`, readFileSync(file), {
      'content-type': type,
    });
  }
}
