/**
 * Realistic mixed English/Chinese page text for benchmarks: paragraphs of the development
 * corpus (lures and hard negatives) interleaved with ordinary page prose, in a fixed order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Resolved from the working directory: npm scripts run in the repository root.
const corpusPath = resolve(process.cwd(), '../shared/corpus/dev.jsonl');

const FILLER = [
  'The city council approved the new budget for public libraries on Tuesday after a long debate about opening hours.',
  '本周末全市天气晴好，最高气温二十六度，适合户外活动，市民出行请注意防晒。',
  'Our store ships to most countries within five business days; returns are accepted within thirty days of delivery.',
  '新开的社区图书馆提供儿童阅读区和自习室，开放时间为每天上午九点至晚上九点。',
  'Customer reviews: the jacket fits well, the fabric is soft, and the zipper feels sturdy after a month of daily use.',
  '这款手机的电池续航表现不错，正常使用一天半没问题，拍照在夜景模式下也有明显进步。',
  'Comments (12) · Share · Report · Sign in to leave a reply. Related articles: five tips for a healthy breakfast.',
  '热门评论：这家餐厅的环境很好，服务员态度热情，就是周末排队时间有点长。',
];

function paragraphs(): string[] {
  const out = [...FILLER];
  if (existsSync(corpusPath)) {
    for (const line of readFileSync(corpusPath, 'utf8').split('\n')) {
      if (line.trim()) out.push(...(JSON.parse(line) as { text: string }).text.split('\n'));
    }
  }
  return out.filter((p) => p.trim());
}

/**
 * About `bytes` bytes of UTF-8 page text, one paragraph per line, deterministic. One line in
 * `every` is a corpus paragraph (job ads, chats, news, advice: dense with signals); the others
 * are ordinary page prose. every = 2 is a page made of listings; every = 10 a typical page.
 */
export function pageText(bytes: number, every = 2): string {
  const source = paragraphs();
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = i % every === every - 1 ? source[(i * 7919) % source.length]! : FILLER[i % FILLER.length]!;
    lines.push(line);
    size += Buffer.byteLength(line, 'utf8') + 1;
  }
  return lines.join('\n');
}
