// `npm run bench`, grammar part: tokenizing speed of the TextMate grammar with VS Code's engine,
// beside a bare charCodeAt loop over the same text, and how time on one long line grows with
// its length (linear: 10x for a 10x longer line; a rule that re-scans gives ~100x).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGrammar, tm, xmlFilesUnder } from '../grammar/loadGrammar.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = join(root, '../shared/corpus');


function tokenizeAll(grammar, text) {
  let state = tm.INITIAL;
  for (const line of text.split(/\r?\n/)) state = grammar.tokenizeLine(line, state).ruleStack;
}

function time(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

let sink = 0;
function characterLoop(text) {
  for (let i = 0; i < text.length; i++) sink ^= text.charCodeAt(i);
}

const grammar = await loadGrammar();
const examples = xmlFilesUnder(join(root, 'examples')).map((f) => readFileSync(f, 'utf8'));
const texts = [['examples ×100', examples.join('\n').repeat(100)]];
if (existsSync(corpusDir)) texts.push(['libvirt corpus', xmlFilesUnder(corpusDir).map((f) => readFileSync(f, 'utf8')).join('\n')]);

console.log('\nTextMate grammar (vscode-textmate + oniguruma)\n');
console.log('| text | size | tokenize ms | MB/s | ÷ charCodeAt loop |');
console.log('|---|---|---|---|---|');
for (const [label, text] of texts) {
  tokenizeAll(grammar, text.slice(0, 20000)); // warm up
  const ms = time(() => tokenizeAll(grammar, text));
  const loop = time(() => characterLoop(text));
  console.log(`| ${label} | ${(text.length / 1048576).toFixed(2)} MB | ${ms.toFixed(0)} | ${(text.length / 1048576 / (ms / 1000)).toFixed(2)} | ${(ms / loop).toFixed(0)} |`);
}
const oneLine = examples.join('').replace(/\n\s*/g, '');
const lineTime = (chars) => {
  const line = oneLine.repeat(Math.ceil(chars / oneLine.length)).slice(0, chars);
  return Math.min(...[0, 1, 2].map(() => time(() => tokenizeAll(grammar, line))));
};
const small = lineTime(50_000);
const large = lineTime(500_000);
console.log(`\nOne minified line: 50k characters ${small.toFixed(0)} ms, 500k ${large.toFixed(0)} ms: ${(large / small).toFixed(1)}× for 10× the length`);
