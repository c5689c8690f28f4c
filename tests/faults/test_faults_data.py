"Bad data files: each ends in a PlmnbError naming the file (and line/column/byte/row where there is one) and the fix; the file is left as it was."
import hashlib, json
import pytest
from plmnb.core import PlmnbError, DataError, BadArgumentError
from plmnb.data import load_data, read_conll

TC, TG, QA = 'text-classification', 'token-classification', 'question-answering'
ROWS = ''.join(f'good text {i},pos\nbad text {i},neg\n' for i in range(5))
CSV = 'text,label\n' + ROWS
LATIN = 'text,label\ncaf\xe9 cr\xe8me,pos\nna\xefve,neg\n'.encode('latin-1')  # 0xe9 0x20: not UTF-8, not GB18030


def qa_rows(answer='Paris'):
    ctx = 'Paris is the capital of France.'
    return ''.join(json.dumps({'question': 'Capital?', 'context': ctx, 'answer': answer if i == 3 else 'Paris'}) + '\n'
                   for i in range(6))

def _has_zstd():
    import importlib.util
    return importlib.util.find_spec('zstandard') is not None

# name, file content (bytes or str), task, extra kwargs, error type, regex the message must match (besides the file name)
CASES = [
    ('latin1.csv', LATIN, TC, {}, DataError, r"not UTF-8 text: byte 14 \(line 2\).*not GBK/GB18030.*encoding="),
    ('latin1.conll', 'EU B-ORG\ncaf\xe9 O\n'.encode('latin-1'), TG, {}, DataError, r"byte 12 \(line 2\).*encoding="),
    ('latin1.jsonl', '{"text": "caf\xe9 x", "label": 1}\n'.encode('latin-1'), TC, {}, DataError, r"byte 13 \(line 1\).*encoding="),
    ('wrongenc.csv', 'text,label\n电影,好\n'.encode('utf-8'), TC, {'encoding': 'ascii'}, DataError, r"not ascii text: byte 11"),
    ('unknownenc.csv', CSV, TC, {'encoding': 'klingon'}, BadArgumentError, r"encoding='klingon' is not an encoding"),
    ('empty.csv', b'', TC, {}, DataError, r"is empty: no header line and no rows"),
    ('blank.csv', '\n\n  \n', TC, {}, DataError, r"is empty"),
    ('empty.json', b'', TC, {}, DataError, r"is empty: no JSON"),
    ('empty.jsonl', b'', TC, {}, DataError, r"is empty: no JSON records"),
    ('empty.parquet', b'', TC, {}, DataError, r"Cannot read 'empty\.parquet' as Parquet"),
    ('empty.conll', b'', TG, {}, DataError, r"no usable rows"),
    ('header.csv', 'text,label\n', TC, {}, DataError, r"no usable rows"),
    ('ragged.csv', 'text,label\ngood,pos\nbad, really bad,neg\n', TC, {}, DataError, r"line 3: 3 fields, but the header has 2.*Quote"),
    ('ragged.tsv', 'text\tlabel\ngood\tpos\nbad\tvery\tneg\n', TC, {}, DataError, r"line 3: 3 fields, but the header has 2"),
    ('quote.csv', 'text,label\ngood,pos\n"bad,neg\nok,pos\n', TC, {}, DataError, r"line 3: a double quote opens a text that never closes"),
    ('cut.json', '[{"text": "a", "label": 1},\n {"text": "b", "lab', TC, {}, DataError, r"line 2, column 16: not valid JSON.*cut short"),
    ('cut.jsonl', '{"text": "a", "label": 1}\n{"text": "b", "label": 0}\n{"text": "c", "la', TC, {}, DataError,
     r"line 3, column \d+: not valid JSON"),
    ('notobj.jsonl', '{"text": "a", "label": 1}\n[1, 2]\n', TC, {}, DataError, r"line 2 is a list.*orient='records'"),
    ('values.json', '[["a", 1], ["b", 0]]', TC, {}, DataError, r"record 0 is a list.*orient='split'"),
    ('scalar.json', '42', TC, {}, DataError, r"holds a number in a JSON layout plmnb does not read"),
    ('notag.conll', 'EU B-ORG\nrejects\nGerman B-MISC\n', TG, {}, DataError, r"Line 2 of 'notag\.conll' is 'rejects': one column"),
    ('notext.csv', 'body,label\na,pos\nb,neg\n', TC, {}, DataError, r"Cannot find the text column.*'body', 'label'.*text="),
    ('nolabel.csv', 'text,stars\na,1\nb,2\n', TC, {}, DataError, r"Cannot find the label column.*'text', 'stars'.*label="),
    ('named.csv', CSV, TC, {'text': 'review'}, DataError, r"No column 'review'.*columns: 'text', 'label'"),
    ('numbers.csv', 'text,label\n1,pos\n2,neg\n3,pos\n', TC, {}, DataError, r"row\(s\) 0, 1, 2 hold int.*astype\(str\)"),
    ('floatlabel.csv', 'text,label\na,0.5\nb,1\n', TC, {}, DataError, r"holds the number 0\.5 at row 0.*regression"),
    ('premise.csv', 'premise,label\na,x\nb,y\n', TC, {}, DataError, r"'premise' but no 'hypothesis'.*text=\["),
    ('plain.txt', 'just some text\nmore text\n', TC, {}, DataError, r"is plain text, but text-classification needs columns"),
    ('tags.conll', 'EU B-ORG\n\nPeter B-PER\n', TC, {}, DataError, r"is a CoNLL file.*task='token-classification'"),
    ('data.xlsx', b'PK\x03\x04', TC, {}, DataError, r"files ending in '\.xlsx' are not supported.*Supported: \.csv"),
    ('noext', CSV, TC, {}, DataError, r"'\(no extension\)' are not supported"),
    ('fake.csv.gz', CSV, TC, {}, DataError, r"Cannot decompress 'fake\.csv\.gz'.*not a valid gz file"),
    ('fake.jsonl.bz2', CSV, TC, {}, DataError, r"Cannot decompress 'fake\.jsonl\.bz2'"),
    ('mixed.conll', 'EU B-ORG\nrejects O\n\nParis S-LOC\n\nBonn U-LOC\n', TG, {}, DataError,
     r"mix schemes: S- \(IOBES\) in train row 1, and U- \(BILOU\) in train row 2"),
    ('bare.jsonl', ''.join(json.dumps({'tokens': ['EU', 'said'], 'ner_tags': [3, 0]}) + '\n' for _ in range(4)), TG, {},
     DataError, r"numbers \(\[0, 3\]\) without names.*B-/I-.*labels="),
    ('partly.conll', 'EU B-ORG\nsaid O\n\nPeter PER\n', TG, {}, DataError, r"some \(\['PER'\], in train row 1\) have none"),
    ('lyon.jsonl', qa_rows('Lyon'), QA, {}, DataError, r"Row 3 \(train\): the answer 'Lyon' is not in its context"),
    ('noanswers.csv', 'question,context\nWhy?,Because.\nHow?,Thus.\n', QA, {}, DataError, r"No answers column.*'question', 'context'"),
    ('badstart.jsonl', ''.join(json.dumps({'question': 'Q?', 'context': 'Paris is big.', 'answers': {'text': ['Paris'],
                       'answer_start': [1 if i == 2 else 0]}}) + '\n' for i in range(5)), QA, {}, DataError,
     r"Row 2 \(train\): answer_start 1 points at 'aris ', not at the answer 'Paris' \(found at 0\)"),
    ('cut16.csv', 'text,label\nab,1\n'.encode('utf-16')[:-1], TC, {}, DataError, r"starts with a UTF-16 byte-order mark but is not UTF-16 text from byte 32 on.*cut short"),
    ('nosource.jsonl', ''.join(json.dumps({'body': 'x', 'summary': 'y'}) + '\n' for _ in range(4)), 'summarization', {},
     DataError, r"Cannot find the source and target texts.*'body', 'summary'.*text="),
]
if not _has_zstd():
    CASES.append(('d.csv.zst', b'(\xb5/\xfd', TC, {}, DataError, r"zstd files need the `zstandard` package"))


@pytest.mark.parametrize('name,content,task,kw,err,pattern', CASES, ids=[c[0] for c in CASES])
def test_bad_file(tmp_path, name, content, task, kw, err, pattern):
    path = tmp_path/name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(err, match=pattern) as e:
        load_data(path, task, **kw)
    assert isinstance(e.value, PlmnbError)
    if err is DataError: assert repr(name) in str(e.value) or name in str(e.value), str(e.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # nothing lost: the file is as it was


def test_folder(tmp_path):
    with pytest.raises(DataError, match=r"is a folder; pass one file") as e: load_data(tmp_path, TC)
    assert str(tmp_path) in str(e.value)

def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"No file '.*nope\.csv' \(looked in"): load_data(tmp_path/'nope.csv', TC)

def test_bad_file_in_a_dict_of_splits(tmp_path):
    (tmp_path/'train.csv').write_text(CSV); (tmp_path/'dev.csv').write_text('text,label\ngood,pos\nbad, worse,neg\n')
    with pytest.raises(DataError, match=r"'dev\.csv', line 3: 3 fields"):
        load_data({'train': tmp_path/'train.csv', 'validation': tmp_path/'dev.csv'}, TC)

def test_read_conll_names_file_and_line(tmp_path):
    (tmp_path/'a.conll').write_bytes(b'EU B-ORG\n\xff\xfe O\n')
    with pytest.raises(DataError, match=r"'a\.conll' is not UTF-8 text: byte 9 \(line 2\)"): read_conll(tmp_path/'a.conll')


def test_unreadable_file(tmp_path, monkeypatch):
    from pathlib import Path
    (tmp_path/'locked.csv').write_text(CSV)
    def refuse(self): raise PermissionError(13, 'Permission denied', str(self))
    monkeypatch.setattr(Path, 'read_bytes', refuse)
    with pytest.raises(DataError, match=r"Cannot read 'locked\.csv' \(in '.*'\): Permission denied\. Check that it is a readable file"):
        load_data(tmp_path/'locked.csv', TC)
