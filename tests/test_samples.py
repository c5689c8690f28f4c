"The bundled sample datasets: formats parse, sizes and balance hold, and the generator reproduces them exactly."
import collections, csv, json, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT/'plmnb'/'samples'
NAMES = ['sentiment.csv', 'ner.conll', 'corpus.txt', 'pairs.csv', 'summaries.jsonl', 'qa.jsonl', 'sentiment_zh.csv',
         'corpus_zh.txt']
TYPES = {'PER', 'LOC', 'ORG', 'MISC'}

def read_sentiment(path=SAMPLES/'sentiment.csv'):
    with open(path, newline='', encoding='utf-8') as f: return list(csv.DictReader(f))

def read_jsonl(name): return [json.loads(l) for l in (SAMPLES/name).read_text(encoding='utf-8').splitlines()]

def keyword_accuracy(texts, labels, pos_words, neg_words):
    "Accuracy of a word-list classifier: more positive than negative hits -> positive; a tie counts half."
    score = 0.0
    for t, y in zip(texts, labels):
        s = sum(t.count(w) for w in pos_words) - sum(t.count(w) for w in neg_words)
        score += 0.5 if s == 0 else float((s > 0) == (y == 'positive'))
    return score / len(texts)

def test_keyword_accuracy_scores_a_separable_set():
    "The baseline itself works: on texts its words do separate, it is right."
    assert keyword_accuracy(['good', 'bad', 'so good', 'meh'], ['positive', 'negative', 'positive', 'negative'],
                            ['good'], ['bad']) == 3.5 / 4

def read_conll(path=SAMPLES/'ner.conll'):
    "Sentences as lists of (token, tag); fails on a line that is not exactly `token TAG`."
    sents, cur = [], []
    for i, line in enumerate(path.read_text(encoding='utf-8').split('\n')):
        if not line:
            if cur: sents.append(cur); cur = []
            continue
        parts = line.split(' ')
        assert len(parts) == 2 and all(parts), f'line {i+1}: {line!r} is not "token TAG"'
        cur.append(tuple(parts))
    if cur: sents.append(cur)
    return sents

def bio_errors(tags):
    "Positions where a tag is malformed or an I-X does not continue a B-X/I-X."
    bad, prev = [], 'O'
    for i, t in enumerate(tags):
        if t != 'O' and not (t[:2] in ('B-', 'I-') and t[2:] in TYPES): bad.append(i)
        elif t.startswith('I-') and prev[2:] != t[2:]: bad.append(i)
        prev = t
    return bad

def test_bio_errors_catches_bad_tags():
    assert bio_errors(['B-PER', 'I-PER', 'O', 'B-LOC']) == []
    assert bio_errors(['O', 'I-PER']) == [1]
    assert bio_errors(['B-PER', 'I-LOC']) == [1]
    assert bio_errors(['B-XYZ', 'PER']) == [0, 1]

def test_sentiment_shape_and_balance():
    rows = read_sentiment()
    assert rows and list(rows[0]) == ['text', 'label']
    counts = collections.Counter(r['label'] for r in rows)
    assert set(counts) == {'negative', 'positive'}
    assert len(rows) >= 640 and counts['negative'] == counts['positive']
    lens = [len(r['text'].split()) for r in rows]
    assert min(lens) >= 4 and max(lens) <= 40

def test_sentiment_no_duplicates():
    texts = [r['text'].strip().lower() for r in read_sentiment()]
    dups = [t for t, n in collections.Counter(texts).items() if n > 1]
    assert not dups, dups[:5]

def test_ner_format_and_counts():
    sents = read_conll()
    assert len(sents) >= 240
    for s in sents: assert not bio_errors([t for _, t in s]), s
    mentions = collections.Counter(t[2:] for s in sents for _, t in s if t.startswith('B-'))
    assert all(mentions[k] >= 80 for k in TYPES), mentions
    assert any(all(t == 'O' for _, t in s) for s in sents), 'needs sentences without entities'
    multi = sum(1 for s in sents for _, t in s if t.startswith('I-'))
    assert multi >= 100, 'needs multi-token entities'

def test_corpus_size_and_paragraphs():
    text = (SAMPLES/'corpus.txt').read_text(encoding='utf-8')
    assert len(text.encode('utf-8')) >= 110_000
    paras = [p for p in text.split('\n\n') if p.strip()]
    assert len(paras) >= 200 and all('\n' not in p.strip() for p in paras)
    assert 'What is the fastest car in the world?' in text

def test_generator_reproduces_shipped_files(tmp_path):
    subprocess.run([sys.executable, str(ROOT/'tools'/'make_samples.py'), '--out', str(tmp_path)],
                   check=True, capture_output=True)
    for name in NAMES:
        assert (tmp_path/name).read_bytes() == (SAMPLES/name).read_bytes(), f'{name} differs from a fresh run'

def test_files_are_small():
    for name in NAMES: assert (SAMPLES/name).stat().st_size < 400_000, name

def test_sentiment_not_solved_by_a_word_list():
    rows = read_sentiment()
    acc = keyword_accuracy([r['text'].lower() for r in rows], [r['label'] for r in rows],
                           ['good', 'great', 'excellent', 'love', 'best', 'wonderful', 'perfect', 'worth'],
                           ['bad', 'terrible', 'awful', 'worst', 'not', 'never', 'poor', 'waste'])
    assert acc < 0.65, acc

def read_pairs():
    with open(SAMPLES/'pairs.csv', newline='', encoding='utf-8') as f: return list(csv.DictReader(f))

def test_pairs_shape_and_balance():
    rows = read_pairs()
    assert list(rows[0]) == ['premise', 'hypothesis', 'label'] and 500 <= len(rows) <= 700
    counts = collections.Counter(r['label'] for r in rows)
    assert set(counts) == {'entailment', 'contradiction'} and counts['entailment'] == counts['contradiction']
    assert all(r['premise'].strip() and r['hypothesis'].strip() for r in rows)
    assert len({(r['premise'], r['hypothesis']) for r in rows}) == len(rows), 'duplicate pairs'

def test_pairs_hypothesis_alone_says_nothing():
    "Each hypothesis comes once entailed and once contradicted: any hypothesis-only rule (keyword lists included) scores 50 %."
    by_h = collections.defaultdict(collections.Counter)
    for r in read_pairs(): by_h[r['hypothesis']][r['label']] += 1
    assert all(c == {'entailment': 1, 'contradiction': 1} for c in by_h.values())
    rows = read_pairs()  # a concrete word list: negation words in the hypothesis -> contradiction
    guess = ['contradiction' if re.search(r"\b(not|no|never)\b", r['hypothesis']) else 'entailment' for r in rows]
    acc = sum(g == r['label'] for g, r in zip(guess, rows)) / len(rows)
    assert acc == 0.5, acc

def test_summaries_shape():
    rows = read_jsonl('summaries.jsonl')
    assert 350 <= len(rows) <= 450 and all(list(r) == ['document', 'summary'] for r in rows)
    for r in rows:
        n = len(re.findall(r'[.!?](?:\s|$)', r['document']))
        assert 3 <= n <= 6, r['document']
        assert len(re.findall(r'[.!?](?:\s|$)', r['summary'])) == 1, r['summary']
        names = re.findall(r'\b[A-Z][a-z]+|\d+', r['summary'].split(' ', 1)[1])  # the facts a summary states come from its document
        assert all(w.lower() in r['document'].lower() for w in names), (r['summary'], r['document'])
    assert len({r['document'] for r in rows}) == len(rows)

def test_qa_answers_are_spans_at_their_starts():
    rows = read_jsonl('qa.jsonl')
    assert 350 <= len(rows) <= 450
    assert len({r['id'] for r in rows}) == len(rows)
    for r in rows:
        assert list(r) == ['id', 'question', 'context', 'answers'] and r['question'].endswith('?')
        a = r['answers']
        assert len(a['text']) == len(a['answer_start']) >= 1
        for text, start in zip(a['text'], a['answer_start']):
            assert text and r['context'][start:start + len(text)] == text, r

def test_sentiment_zh_shape_balance_and_word_list():
    rows = read_sentiment(SAMPLES/'sentiment_zh.csv')
    assert list(rows[0]) == ['text', 'label'] and 700 <= len(rows) <= 900
    counts = collections.Counter(r['label'] for r in rows)
    assert counts == {'positive': len(rows) // 2, 'negative': len(rows) // 2}
    assert len({r['text'] for r in rows}) == len(rows)
    assert all(re.search('[\u4e00-\u9fff]', r['text']) for r in rows)
    acc = keyword_accuracy([r['text'] for r in rows], [r['label'] for r in rows],
                           ['好', '棒', '喜欢', '推荐', '满意', '值', '美', '快'], ['差', '失望', '不', '糟', '难', '慢', '贵', '坏'])
    assert acc < 0.65, acc

def test_corpus_zh_is_chinese_prose():
    text = (SAMPLES/'corpus_zh.txt').read_text(encoding='utf-8')
    assert 120_000 <= len(text.encode('utf-8')) < 400_000
    paras = [p for p in text.split('\n\n') if p.strip()]
    assert len(paras) >= 300 and all('\n' not in p.strip() for p in paras)
    cjk = sum('\u4e00' <= c <= '\u9fff' for c in text)
    assert cjk / len(text) > 0.8
