/**
 * Sends real requests to a running service and checks each answer against its own OpenAPI document:
 * the status must be listed for the operation, the content type declared, and a JSON body valid
 * against the declared schema. The operation is found by matching the URL to the document's path
 * templates, so a test names concrete URLs only.
 */
import { Ajv } from 'ajv';
import { addFormats } from './contracts.js';

export type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

// Bodies are read loosely; their shape is what the checker validates against the document.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export function openApiConformance(baseUrl: string, doc: OpenApiDoc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const templates = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const templateOf = (url: string) =>
    templates.find((t) => t.pattern.test(url.split('?')[0]!))?.template ?? url;

  return async function conforms(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: Loose }> {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const docPath = templateOf(url);
    const op = doc.paths[docPath]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${docPath} is not in the OpenAPI document`);
    const response = op.responses[String(res.status)];
    if (!response)
      throw new Error(`${method} ${docPath} answered ${res.status}, which the document does not list`);
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    expect(Object.keys(response.content ?? {})).toContain(type);
    if (type !== 'application/json') return { status: res.status, body: await res.text() };
    const json: unknown = await res.json();
    const validate = ajv.compile(response.content![type]!.schema);
    if (!validate(json))
      throw new Error(`${method} ${docPath} ${res.status}: ${ajv.errorsText(validate.errors)}`);
    return { status: res.status, body: json };
  };
}
