// The AsyncAPI document through the official JavaScript parser (@asyncapi/parser): every diagnostic is printed,
// and an error (severity 0) fails. Run: cd contracts/asyncapi-check && npm install && npm run check
import { Parser, fromFile } from '@asyncapi/parser';
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
const errors = diagnostics.filter(d => d.severity === 0);
for (const d of diagnostics) console.log(['error','warn','info','hint'][d.severity], d.code, JSON.stringify(d.path), d.message);
console.log(document ? 'parsed' : 'NOT parsed', 'errors:', errors.length, 'diagnostics:', diagnostics.length);
process.exit(errors.length ? 1 : 0);
