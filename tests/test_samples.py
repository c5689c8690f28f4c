"The bundled sample datasets: formats parse, sizes and balance hold, and the generator reproduces them exactly."
import collections, csv, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT/'plmnb'/'samples'
NAMES = ['sentiment.csv', 'ner.conll', 'corpus.txt']
TYPES = {'PER', 'LOC', 'ORG', 'MISC'}

def read_sentiment(path=SAMPLES/'sentiment.csv'):
    with open(path, newline='', encoding='utf-8') as f: return list(csv.DictReader(f))

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
