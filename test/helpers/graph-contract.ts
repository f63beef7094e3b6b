/**
 * Outgoing Graph requests against the Graph v1.0 OpenAPI subset in ../shared/contracts, using the
 * README's recipe (§1.5) with the *strict* transform: allOf flattened, objects closed (OData "@" keys
 * allowed), derived types accepted where a base type is declared, camelCase aliases for action parameters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { addFormats, CONTRACTS_DIR } from './contracts.js';

type Json = Record<string, unknown>;
type Schema = Json & { properties?: Record<string, Json>; allOf?: Json[]; required?: string[] };
interface Operation {
  requestBody?: { $ref?: string; content?: Record<string, { schema: Schema }> };
}
interface GraphDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; requestBodies?: Record<string, Operation['requestBody']> };
}

const REF = '#/components/schemas/';
/** `additionalProperties: {type: object}`: how the generator marks every object open. */
const isOpen = (ap: unknown) =>
  !!ap && typeof ap === 'object' && Object.keys(ap).length === 1 && (ap as Json).type === 'object';

function eachNode(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => eachNode(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((n) => eachNode(n, visit));
  }
}

const close = (node: unknown) =>
  eachNode(node, (n) => {
    if (isOpen(n.additionalProperties)) {
      n.additionalProperties = false;
      n.patternProperties = { '@': {} };
    }
  });

function actionBodySchemas(doc: GraphDoc): Schema[] {
  const bodies = Object.values(doc.components.requestBodies ?? {});
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item))
      if (op?.requestBody && !op.requestBody.$ref) bodies.push(op.requestBody);
  return bodies.flatMap((b) =>
    b?.content?.['application/json'] ? [b.content['application/json'].schema] : [],
  );
}

function strictGraph(source: GraphDoc): GraphDoc {
  const doc = structuredClone(source);
  const schemas = doc.components.schemas;
  const flat = new Map<string, Schema>();
  const flatten = (name: string): Schema => {
    const known = flat.get(name);
    if (known) return known;
    const s = schemas[name]!;
    let out: Schema = s;
    if (s.allOf) {
      out = { type: 'object', properties: {}, required: [] };
      for (const part of s.allOf) {
        const p = typeof part.$ref === 'string' ? flatten(part.$ref.slice(REF.length)) : (part as Schema);
        Object.assign(out.properties!, p.properties);
        out.required!.push(...(p.required ?? []));
      }
      out.additionalProperties = s.allOf.at(-1)!.additionalProperties;
      if (!out.required!.length) delete out.required;
    }
    flat.set(name, out);
    return out;
  };
  const names = Object.keys(schemas);
  names.forEach(flatten);
  const children = new Map<string, string[]>();
  for (const n of names) {
    const base = schemas[n]!.allOf?.[0]?.$ref;
    if (typeof base === 'string')
      children.set(base.slice(REF.length), [...(children.get(base.slice(REF.length)) ?? []), n]);
  }
  const family = (n: string): string[] => [n, ...(children.get(n) ?? []).flatMap(family)];
  for (const n of names) {
    const own = structuredClone(flat.get(n)!);
    close(own);
    schemas[`${n}__own`] = own;
  }
  for (const n of names) {
    const fam = family(n);
    schemas[n] =
      fam.length > 1 ? { anyOf: fam.map((m) => ({ $ref: `${REF}${m}__own` })) } : { $ref: `${REF}${n}__own` };
  }
  // Graph matches action parameter names case-insensitively: Message also accepts message.
  for (const s of actionBodySchemas(doc))
    for (const k of Object.keys(s.properties ?? {}))
      if (/^[A-Z]/.test(k)) s.properties![k[0]!.toLowerCase() + k.slice(1)] = s.properties![k]!;
  actionBodySchemas(doc).forEach(close);
  return doc;
}

let built: { doc: GraphDoc; ajv: Ajv } | undefined;

/** Building the strict document and compiling takes a second or two, so it is done once per worker. */
function graph(): { doc: GraphDoc; ajv: Ajv } {
  if (built) return built;
  const file = path.join(CONTRACTS_DIR, 'graph', 'graph-v1.0-teams-bot.openapi.json');
  const doc = strictGraph(JSON.parse(readFileSync(file, 'utf8')) as GraphDoc);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int16', {
    type: 'number',
    validate: (x: number) => Number.isInteger(x) && x >= -32768 && x <= 32767,
  });
  ajv.addFormat('base64url', /^[A-Za-z0-9+/_-]*={0,2}$/); // Edm.Binary: Graph also takes standard base64
  ajv.addFormat('time', /^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,12})?$/); // no offset
  ajv.addSchema(doc as unknown as Json, 'graph');
  built = { doc, ajv };
  return built;
}

const pointer = (segments: string[]) =>
  '/' + segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/** The template path in the subset for a concrete path such as /users/x%40y/sendMail, or undefined. */
export function graphTemplateFor(concretePath: string): string | undefined {
  const clean = concretePath.split('?')[0]!.replace(/^\/v1\.0(?=\/)/, '');
  const parts = clean.split('/').filter(Boolean).map(decodeURIComponent);
  return Object.keys(graph().doc.paths).find((template) => {
    const t = template.split('/').filter(Boolean);
    return t.length === parts.length && t.every((seg, i) => /^\{.+\}$/.test(seg) || seg === parts[i]);
  });
}

const describe = (v: ValidateFunction) =>
  (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/**
 * Problems with a request as Graph would receive it: an unknown method and path, a missing body, or a
 * body that breaks the operation's schema. Empty means it conforms.
 */
export function graphRequestProblems(method: string, concretePath: string, body?: unknown): string[] {
  const { doc, ajv } = graph();
  const template = graphTemplateFor(concretePath);
  const op = template ? doc.paths[template]?.[method.toLowerCase()] : undefined;
  if (!template || !op) return [`${method} ${concretePath}: not an operation in the Graph contract subset`];
  if (!op.requestBody) return body === undefined ? [] : [`${method} ${template}: takes no body`];
  if (body === undefined) return [`${method} ${template}: a JSON body is required`];
  let ptr = ['paths', template, method.toLowerCase(), 'requestBody'];
  if (op.requestBody.$ref) ptr = op.requestBody.$ref.slice(2).split('/');
  const validate = ajv.getSchema(`graph#${pointer([...ptr, 'content', 'application/json', 'schema'])}`)!;
  return validate(body) ? [] : describe(validate).map((p) => `${method} ${template}: ${p}`);
}

/** Problems with a value of a named Graph type, e.g. graphSchemaProblems('message', m). */
export function graphSchemaProblems(typeName: string, value: unknown): string[] {
  const validate = graph().ajv.getSchema(`graph#/components/schemas/microsoft.graph.${typeName}`);
  if (!validate) return [`microsoft.graph.${typeName} is not in the Graph contract subset`];
  return validate(value) ? [] : describe(validate);
}
