/**
 * The command line's and the server's own words (issue 13): the summaries, reasons and labels of
 * `domxml` and the server's fix-all title, file-too-large finding and formatting notice have words
 * whose English is what they always said, and whose Chinese is Chinese.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Problem } from '../../server/src/cli/check';
import { describeError } from '../../server/src/cli/files';
import { fixDocument, formatChanges } from '../../server/src/cli/fix';
import { fixSummaryLine, severityCounts, summaryLine } from '../../server/src/cli/summary';
import { formatText } from '../../server/src/cli/textFormat';
import { Analysis } from '../../server/src/features/analysis';
import { fixAllAction } from '../../server/src/features/codeActions';
import { documentFindings } from '../../server/src/features/diagnostics';
import { formatDocument } from '../../server/src/features/formatting';
import { render } from '../../server/src/messages/words';
import { ParsedDocument } from '../../server/src/parser/parsedDocument';
import { WEB01, bundledSchema } from './helpers/documents';

const SCHEMA = bundledSchema();

const problem = (file: string, severity: Problem['severity']): Problem => ({ file, line: 1, column: 1, endLine: 1, endColumn: 2, severity, code: 'c', message: 'm' });

test('the summary lines in English as before, and in Chinese', () => {
  const problems = [problem('a.xml', 'error'), problem('a.xml', 'error'), problem('b.xml', 'warning'), problem('b.xml', 'hint')];
  const checked = summaryLine(3, problems, 1);
  assert.equal(render(checked, 'en'), 'checked 3 documents: 2 errors, 1 warning, 1 hint in 2 documents; 1 could not be checked');
  assert.equal(render(checked, 'zh'), '已检查 3 个文档：2 个文档中有 2 个错误，1 个警告，1 条提示；1 项无法检查');
  assert.equal(render(summaryLine(1, [], 0), 'en'), 'checked 1 document: no problems');
  assert.equal(render(summaryLine(1, [], 0), 'zh'), '已检查 1 个文档：没有问题');
  const fixed = fixSummaryLine({ documents: 4, changes: 3, changedDocuments: 2, notFixed: 1, failures: 1 }, [problem('a.xml', 'error')], false);
  assert.equal(render(fixed, 'en'), 'made 3 changes in 2 of 4 documents; left: 1 error in 1 document; fixes not made in 1 document (said why above); 1 could not be fixed');
  assert.equal(render(fixed, 'zh'), '修改了 4 个文档中的 2 个，共 3 处修改；剩余：1 个文档中有 1 个错误；1 个文档未做修复（原因见上文）；1 项无法修复');
  const dry = fixSummaryLine({ documents: 1, changes: 1, changedDocuments: 1, notFixed: 0, failures: 0 }, [], true);
  assert.equal(render(dry, 'en'), 'would make 1 change in 1 of 1 document; no errors or warnings left');
  assert.equal(render(severityCounts([0, 0, 2, 0]), 'zh'), '2 条信息');
});

test('the text format: labels in the language, messages where the checks gave their words', () => {
  const said = { ...problem('a.xml', 'warning'), message: 'English', related: [{ line: 2, column: 3, endLine: 2, endColumn: 4, message: 'there' }], help: 'Help.', helpUri: 'https://libvirt.org/x' };
  assert.equal(formatText([said]), 'a.xml:1:1: warning: English [c]\n  note: a.xml:2:3: there\n  help: Help. (https://libvirt.org/x)\n');
  assert.equal(formatText([said], 'zh'), 'a.xml:1:1: 警告：English [c]\n  附注：a.xml:2:3: there\n  说明：Help.（https://libvirt.org/x）\n');
  const text = WEB01.replace("cpuset='1-2,4,6'", "cpuset='1-2,4,6,'");
  const result = fixDocument('web01.xml', text, { schema: SCHEMA, maxProblems: 100, positionsIn: 'fixed' });
  assert.equal(formatChanges('web01.xml', result.changes, 'zh'), `web01.xml:6:36: "1-2,4,6," → "1-2,4,6" [cpuset-empty-item] \`cpuset\`：1-2,4,6\n`);
});

test("fix's reasons for leaving a document have words", () => {
  const network = fixDocument('n.xml', '<network/>', { schema: SCHEMA, maxProblems: 100, positionsIn: 'fixed' });
  assert.ok(network.notFixedWords);
  assert.equal(render(network.notFixedWords, 'en'), network.notFixed);
  assert.equal(render(network.notFixedWords, 'zh'), '不是 libvirt 域（根元素是 `<network>`）：未修复');
  const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
  assert.equal(render(describeError(missing), 'zh'), '没有那个文件或目录');
  assert.equal(render(describeError(new Error('odd')), 'zh'), 'odd', 'an error of its own kind keeps its message');
});

test("the server's own words: a file too large, the fix-all title, why a document is not formatted", () => {
  const limits = { maxProblems: 100, maxFileSizeMB: 1 };
  const large = new Analysis(ParsedDocument.parse(WEB01, 10), { limits, schema: SCHEMA, host: undefined });
  const [tooLarge] = documentFindings(large);
  assert.equal(tooLarge.code, 'file-too-large');
  assert.ok(tooLarge.words);
  assert.equal(render(tooLarge.words, 'en'), tooLarge.message);
  assert.match(tooLarge.message, /^This file is 0\.0 MB, over the 1 MB set in libvirtXml\.analysis\.maxFileSizeMB: it is not checked\.$/);
  assert.equal(render(tooLarge.words, 'zh'), '此文件有 0.0 MB，超过了 libvirtXml.analysis.maxFileSizeMB 设定的 1 MB：不做检查。');

  const fixable = new Analysis(ParsedDocument.parse(WEB01.replace("cpuset='1-2,4,6'", "cpuset='1, 2'")), { limits, schema: SCHEMA, host: undefined });
  const all = fixAllAction(fixable);
  assert.ok(all?.titleWords);
  assert.equal(all.title, 'Fix all safe problems (1 fix)');
  assert.equal(render(all.titleWords, 'zh'), '修复所有可安全修复的问题（1 处）');

  const broken = new Analysis(ParsedDocument.parse(WEB01.replace('</devices>', '')), { limits, schema: SCHEMA, host: undefined });
  const { notFormatted } = formatDocument(broken, { tabSize: 2, insertSpaces: true, quotes: 'preserve' });
  assert.ok(notFormatted);
  assert.equal(render(notFormatted.words, 'en'), notFormatted.message);
  assert.match(render(notFormatted.words, 'zh'), /^文档不是格式正确的 XML：/);
});
