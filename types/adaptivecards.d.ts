// The adaptivecards package publishes its TypeScript sources as its types, which do not compile under
// this project's settings. Only adaptivecards-templating's declarations refer to it (the renderer itself
// runs in the browser for screenshots), so an opaque declaration is enough for type checking.
export type SerializableObjectSchema = unknown;
export type PropertyDefinition = unknown;
export type CardElement = unknown;
export type Action = unknown;
export type AdaptiveCard = unknown;
declare const adaptivecards: unknown;
export default adaptivecards;
export type IAdaptiveCard = unknown;
