/**
 * `domxml` in the user's language (issue 13): `--lang zh`, or a Chinese locale (LANG, LC_MESSAGES,
 * LC_ALL), makes what it says to a person Chinese: problems, labels, summaries, reasons, --help.
 * English by default; JSON and SARIF keep the codes and English messages whatever the language.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { FIXABLE, Run, VALID, runDomxml, withoutLocale } from './domxmlProcess';

let workDir: string;

before(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domxml-lang-'));
});
after(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function domxml(args: string[], locale: NodeJS.ProcessEnv = {}, input?: string): Run {
  return runDomxml(args, { cwd: workDir, input, env: { ...withoutLocale(process.env), ...locale } });
}

const write = (relative: string, text: string): string => {
  fs.mkdirSync(path.dirname(path.join(workDir, relative)), { recursive: true });
  fs.writeFileSync(path.join(workDir, relative), text);
  return relative;
};

/** A reversed range and a stray comma in a cpuset, a pin beyond the host's CPUs. */
const PINNED = VALID.replace("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static' cpuset='0,4-1,'>2</vcpu>");
const CHINESE = /[\u4e00-\u9fff]/;

test('--lang zh: problems, their labels and the summary in Chinese; codes as they are', () => {
  const file = write('pinned.xml', PINNED);
  const run = domxml(['check', '--lang', 'zh', file]);
  assert.equal(run.status, 1);
  assert.deepEqual(
    run.lines.map((line) => line.replace(/^pinned\.xml:\d+:\d+: /, '')),
    ['错误：`4-1` 是倒序的：libvirt 要求范围的起点是较小的 CPU，应为 `1-4`。 [cpuset-reversed-range]', '错误：末尾多了逗号：后面没有内容。 [cpuset-empty-item]'],
  );
  assert.equal(run.stderr, 'domxml: 已检查 1 个文档：1 个文档中有 2 个错误\n');
});

test('LANG=zh_CN.UTF-8 speaks Chinese as --lang zh does; LC_MESSAGES and LC_ALL come first, and --lang before them all', () => {
  const file = write('pinned-locale.xml', PINNED);
  const chinese = domxml(['check', '--lang=zh', file]);
  assert.deepEqual(domxml(['check', file], { LANG: 'zh_CN.UTF-8' }), chinese);
  assert.deepEqual(domxml(['check', file], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }), chinese);
  const english = domxml(['check', file]);
  assert.match(english.lines[0], /: error: `4-1` counts down: libvirt needs the lower CPU first, `1-4`\. \[cpuset-reversed-range\]$/);
  assert.equal(english.stderr, 'domxml: checked 1 document: 2 errors in 1 document\n');
  assert.deepEqual(domxml(['check', file], { LANG: 'en_US.UTF-8' }), english);
  assert.deepEqual(domxml(['check', file], { LANG: 'zh_CN.UTF-8', LC_ALL: 'C.UTF-8' }), english);
  assert.deepEqual(domxml(['check', '--lang', 'en', file], { LANG: 'zh_CN.UTF-8' }), english);
});

test('json and sarif keep the codes and English messages under a Chinese locale', () => {
  const file = write('pinned-json.xml', PINNED);
  for (const format of ['json', 'sarif']) {
    const english = domxml(['check', '--format', format, file]);
    const chinese = domxml(['check', '--format', format, file], { LANG: 'zh_CN.UTF-8' });
    assert.equal(chinese.stdout, english.stdout, format);
    assert.doesNotMatch(chinese.stdout, CHINESE, format);
    assert.match(chinese.stderr, /^domxml: 已检查 1 个文档/, 'the summary is for a person');
  }
});

test('--help, usage errors and unreadable files in Chinese', () => {
  const help = domxml(['--help'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^用法：domxml check/);
  assert.match(help.stdout, /--lang en\|zh/);
  assert.deepEqual(domxml(['--lang', 'zh', '--help']), help, '--lang before the command');
  assert.match(domxml(['--help']).stdout, /^Usage: domxml check[^]*--lang en\|zh/);

  const unknown = domxml(['check', '--bogus', 'x.xml'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, "domxml: 未知选项 --bogus\n运行 'domxml --help' 查看用法。\n");
  const badLanguage = domxml(['check', '--lang', 'fr', 'x.xml']);
  assert.equal(badLanguage.status, 2);
  assert.equal(badLanguage.stderr, `domxml: --lang must be en or zh, not "fr"\nTry 'domxml --help'.\n`);

  const missing = domxml(['check', '--lang', 'zh', 'no-such.xml']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'domxml: 无法读取 no-such.xml：没有那个文件或目录\ndomxml: 已检查 0 个文档：没有问题；1 项无法检查\n');
});

test('fix in Chinese: each change with its title, the reasons for what it leaves, the summary', () => {
  const file = write('fix/pinned.xml', FIXABLE);
  const run = domxml(['fix', '--dry-run', file], { LANG: 'zh_CN.UTF-8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.lines[0], /: "1, 2,4-3," → "1,2,3-4" \[cpuset-space, cpuset-reversed-range, cpuset-empty-item\] `cpuset`：1,2,3-4$/);
  assert.equal(run.stderr, 'domxml: 将修改 1 个文档中的 1 个，共 1 处修改；没有剩余的错误或警告\n');

  const network = write('fix/network.xml', "<network>\n  <name>default</name>\n</network>\n");
  const notDomain = domxml(['fix', '--lang', 'zh', network]);
  assert.equal(notDomain.status, 1);
  assert.equal(
    notDomain.stderr,
    `domxml: ${network} 不是 libvirt 域（根元素是 \`<network>\`）：未修复\ndomxml: 1 个文档中没有需要修复的内容；剩余：1 个文档中有 1 个错误；1 个文档未做修复（原因见上文）\n`,
  );
});
